/**
 * The suites under test, generated as fixture projects (vitest.config.ts + one test file) and run as real
 * `vitest run` processes. Every suite has `cases` tests in one `describe.concurrent` with
 * `maxConcurrency: 10`, so the ideal wall time of the test work is cases × per-case latency / 10.
 */

/** Model and judge latency of the local model servers, ms. */
export const MODEL_LATENCY_MS = 100
export const JUDGE_LATENCY_MS = 100
export const CONCURRENCY = 10

/** The model's reply: valid for {@link SCHEMA}. */
export const MODEL_REPLY = JSON.stringify({ category: 'billing', priority: 'high', summary: 'Charged twice for the March subscription.', order_id: 'ORD-10442' })
/** The judge's reply for a one-criterion rubric. */
export const JUDGE_REPLY = JSON.stringify({ verdicts: [{ id: 'c1', verdict: 'PASS', reason: 'It names a category.' }] })

const SCHEMA = {
  type: 'object',
  required: ['category', 'priority', 'summary'],
  properties: {
    category: { enum: ['billing', 'bug', 'account', 'feature_request', 'other'] },
    priority: { enum: ['low', 'normal', 'high', 'urgent'] },
    summary: { type: 'string', minLength: 1 },
    order_id: { type: ['string', 'null'] },
  },
}

export type WorkloadId = 'empty' | 'plugin' | 'sdk' | 'w1' | 'w2' | 'w3'

export interface Workload {
  id: WorkloadId
  title: string
  /** Tests in the suite; every one must pass. */
  tests: number
  /** Ideal wall time of the test work alone, ms (0 for the start-up suites). */
  idealMs: number
  /** Model and judge requests one run must make (checked after every run). */
  modelCalls: number
  judgeCalls: number
  /** Files of the fixture project, by relative path. */
  files: Record<string, string>
  /** Environment of the measured runs (besides the servers' URLs). */
  env?: Record<string, string>
  /** The unmeasured warm-up run, when it differs: its environment and the model calls it must make. */
  warmup?: { env: Record<string, string>; modelCalls: number }
  /** Why it is not measured yet; a pending workload is reported, not run. */
  pending?: string
}

const CONFIG_PLAIN = `import { defineConfig } from 'vitest/config'

export default defineConfig({ test: { maxConcurrency: ${CONCURRENCY} } })
`

// The judge endpoint comes from EVALGATE_JUDGE_BASE_URL (read in the worker), the model's from BENCH_MODEL_URL.
function configEvalgate(cache: boolean): string {
  return `import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate'

export default defineConfig({
  plugins: [evalgate({ judge: { model: 'bench-judge', apiKey: 'bench', maxRetries: 0 }${cache ? ', cache: true' : ''} })],
  test: { maxConcurrency: ${CONCURRENCY} },
})
`
}
const CONFIG_EVALGATE = configEvalgate(false)

function trivialSuite(cases: number): string {
  return `import { describe, test } from 'vitest'

describe.concurrent('suite', () => {
  for (let i = 0; i < ${cases}; i++) test(\`case \${i}\`, () => {})
})
`
}

/** W1's calls without evalgate: the plain SDK and a JSON.parse, to tell evalgate's cost from the SDK's. */
function sdkSuite(cases: number): string {
  return `import OpenAI from 'openai'
import { describe, test } from 'vitest'

const client = new OpenAI({ baseURL: process.env.BENCH_MODEL_URL, apiKey: 'bench', maxRetries: 0 })

describe.concurrent('suite', () => {
  for (let i = 0; i < ${cases}; i++) {
    test(\`case \${i}\`, async ({ expect }) => {
      const response = await client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: \`ticket \${i}\` }] })
      expect(JSON.parse(response.choices[0]?.message.content ?? '')).toHaveProperty('category')
    })
  }
})
`
}

function modelSuite(cases: number, judge: boolean): string {
  const rubric = judge ? `\n      await expect(text).toPassRubric(['Names a ticket category'])` : ''
  return `import OpenAI from 'openai'
import { describe, test } from 'vitest'
import { wrapOpenAI } from 'evalgate'

const client = wrapOpenAI(new OpenAI({ baseURL: process.env.BENCH_MODEL_URL, apiKey: 'bench', maxRetries: 0 }))
const schema = ${JSON.stringify(SCHEMA)}

describe.concurrent('suite', () => {
  for (let i = 0; i < ${cases}; i++) {
    test(\`case \${i}\`, async ({ expect }) => {
      const response = await client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: \`ticket \${i}\` }] })
      const text = response.choices[0]?.message.content ?? ''
      expect(text).toMatchSchema(schema)
      expect(response).toStayUnderLatency({ max: 5_000 })${rubric}
    })
  }
})
`
}

/** The suites of one benchmark run, `cases` tests each (200 in the full run). */
export function workloads(cases: number): Workload[] {
  const ideal = (perCaseMs: number) => (cases * perCaseMs) / CONCURRENCY
  return [
    { id: 'empty', title: `plain Vitest, ${cases} trivial tests (start-up)`, tests: cases, idealMs: 0, modelCalls: 0, judgeCalls: 0, files: { 'vitest.config.ts': CONFIG_PLAIN, 'suite.test.ts': trivialSuite(cases) } },
    { id: 'plugin', title: `evalgate plugin, ${cases} trivial tests (diagnostic)`, tests: cases, idealMs: 0, modelCalls: 0, judgeCalls: 0, files: { 'vitest.config.ts': CONFIG_EVALGATE, 'suite.test.ts': trivialSuite(cases) } },
    {
      id: 'sdk',
      title: `plain Vitest + openai SDK: W1's calls without evalgate (diagnostic)`,
      tests: cases,
      idealMs: ideal(MODEL_LATENCY_MS),
      modelCalls: cases,
      judgeCalls: 0,
      files: { 'vitest.config.ts': CONFIG_PLAIN, 'suite.test.ts': sdkSuite(cases) },
    },
    {
      id: 'w1',
      title: `W1: ${cases} cases, model ${MODEL_LATENCY_MS} ms, concurrency ${CONCURRENCY}, toMatchSchema + toStayUnderLatency`,
      tests: cases,
      idealMs: ideal(MODEL_LATENCY_MS),
      modelCalls: cases,
      judgeCalls: 0,
      files: { 'vitest.config.ts': CONFIG_EVALGATE, 'suite.test.ts': modelSuite(cases, false) },
    },
    {
      id: 'w2',
      title: `W2: W1 + one toPassRubric judge call per case (judge ${JUDGE_LATENCY_MS} ms)`,
      tests: cases,
      idealMs: ideal(MODEL_LATENCY_MS + JUDGE_LATENCY_MS),
      modelCalls: cases,
      judgeCalls: cases,
      files: { 'vitest.config.ts': CONFIG_EVALGATE, 'suite.test.ts': modelSuite(cases, true) },
    },
    {
      // The record/replay cache: the warm-up run records every call (EVALGATE_CACHE=record), the measured
      // runs replay them all (EVALGATE_CACHE=replay fails a test on a miss), so no model time is left.
      id: 'w3',
      title: 'W3: W1 rerun with the record/replay cache warm (`cache: true`, EVALGATE_CACHE=replay)',
      tests: cases,
      idealMs: 0,
      modelCalls: 0,
      judgeCalls: 0,
      files: { 'vitest.config.ts': configEvalgate(true), 'suite.test.ts': modelSuite(cases, false) },
      env: { EVALGATE_CACHE: 'replay' },
      warmup: { env: { EVALGATE_CACHE: 'record' }, modelCalls: cases },
    },
  ]
}
