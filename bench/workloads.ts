/**
 * The suites under test, generated as fixture projects (vitest.config.ts + one test file) and run as real
 * `vitest run` processes. Every evalgate suite is paired with a hand-written plain-Vitest suite doing the
 * same work without evalgate (same calls, same checks); a {@link Comparison} is one such pair, and its
 * figure is the ratio of the two walls measured in the same interleaved rounds.
 */

/** Model and judge latency of the local model servers for W1–W3, ms. */
export const MODEL_LATENCY_MS = 100
export const JUDGE_LATENCY_MS = 100
export const CONCURRENCY = 10
/** W4: many cases at a fast model. */
export const W4_LATENCY_MS = 20
export const W4_CONCURRENCY = 50

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

/** Which model server a suite talks to (its URL arrives as BENCH_MODEL_URL). */
export type ServerId = 'model' | 'fast'

export interface Workload {
  /** Fixture folder name: `.tmp/bench/suite-<id>`. */
  id: string
  title: string
  /** Tests in the suite; every one must pass. */
  tests: number
  /** Model and judge requests one measured run must make (checked after every run). */
  modelCalls: number
  judgeCalls: number
  server: ServerId
  /** Files of the fixture project, by relative path. */
  files: Record<string, string>
  /** Environment of the measured runs (besides the servers' URLs). */
  env?: Record<string, string>
  /** The unmeasured warm-up run, when it differs: its environment and the model/judge calls it must make. */
  warmup?: { env: Record<string, string>; modelCalls: number; judgeCalls?: number }
  /** Why it is not measured yet; a pending workload is reported, not run. */
  pending?: string
}

/** An evalgate suite and its plain-Vitest reference, measured in the same rounds. */
export interface Comparison {
  id: string
  title: string
  /** What the reference is, for the report. */
  reference: string
  plain: Workload
  evalgate: Workload
  /** Target for evalgate wall / plain wall (undefined: reported, no target at this size). */
  target?: number
  /** Target for the ratio of peak RSS of the process trees (W4 only). */
  rssTarget?: number
  /** Measure peak RSS of the process tree (W4). */
  rss?: boolean
  /** Ideal wall time of the test work alone, ms (for the notes). */
  idealMs: number
  /**
   * Give the plain side its own warm-up run too (default true). W4 warms only the evalgate side (its first
   * run writes the baselines); the stateless plain suite runs the same Vitest and SDK code already warm.
   */
  warmPlain?: boolean
}

function configPlain(concurrency: number): string {
  return `import { defineConfig } from 'vitest/config'

export default defineConfig({ test: { maxConcurrency: ${concurrency} } })
`
}

// The judge endpoint comes from EVALGATE_JUDGE_BASE_URL (read in the worker), the model's from BENCH_MODEL_URL.
function configEvalgate(concurrency: number, cache: boolean): string {
  return `import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/plugin'

export default defineConfig({
  plugins: [evalgate({ judge: { model: 'bench-judge', apiKey: 'bench', maxRetries: 0 }${cache ? ', cache: true' : ''} })],
  test: { maxConcurrency: ${concurrency} },
})
`
}

function trivialSuite(cases: number): string {
  return `import { describe, test } from 'vitest'

describe.concurrent('suite', () => {
  for (let i = 0; i < ${cases}; i++) test(\`case \${i}\`, () => {})
})
`
}

/**
 * The plain reference of W1/W2/W3/W4, written as a careful user would without evalgate: the openai SDK,
 * JSON.parse + ajv (with ajv-formats, as evalgate compiles) on the same schema, a latency check on the
 * measured call; `judge` adds one judge call per case through openai (same judge server) with its JSON reply
 * parsed and checked; `cache` replays answers from the suite's own file cache (one JSON file per request,
 * keyed by a SHA-256 of the request: BENCH_CACHE=record writes them, BENCH_CACHE=replay reads them and
 * fails on a miss).
 */
function plainSuite(cases: number, opts: { judge?: boolean; cache?: boolean } = {}): string {
  const cacheCode = opts.cache
    ? `
const cacheDir = join(process.cwd(), '.plain-cache')
const mode = process.env.BENCH_CACHE
if (mode === 'record') await mkdir(cacheDir, { recursive: true })

async function complete(body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<{ response: OpenAI.Chat.ChatCompletion; latencyMs: number }> {
  const file = join(cacheDir, createHash('sha256').update(JSON.stringify(body)).digest('hex') + '.json')
  if (mode === 'replay') return JSON.parse(await readFile(file, 'utf8'))
  const t0 = performance.now()
  const response = await client.chat.completions.create(body)
  const entry = { response, latencyMs: performance.now() - t0 }
  if (mode === 'record') await writeFile(file, JSON.stringify(entry))
  return entry
}
`
    : `
async function complete(body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<{ response: OpenAI.Chat.ChatCompletion; latencyMs: number }> {
  const t0 = performance.now()
  const response = await client.chat.completions.create(body)
  return { response, latencyMs: performance.now() - t0 }
}
`
  const judgeCode = opts.judge
    ? `
      const verdict = await judge.chat.completions.create({
        model: 'bench-judge',
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: 'Grade the output against each criterion. Reply with JSON: {"verdicts":[{"id","verdict":"PASS"|"FAIL","reason"}]}' },
          { role: 'user', content: 'Criteria:\\nc1: Names a ticket category\\n\\nOutput:\\n<<<' + text + '>>>' },
        ],
      })
      const graded = JSON.parse(verdict.choices[0]?.message.content ?? '') as { verdicts: Array<{ id: string; verdict: string }> }
      expect(graded.verdicts.find((v) => v.id === 'c1')?.verdict).toBe('PASS')`
    : ''
  return `import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import OpenAI from 'openai'
import { describe, test } from 'vitest'
${opts.cache ? `import { createHash } from 'node:crypto'\nimport { mkdir, readFile, writeFile } from 'node:fs/promises'\nimport { join } from 'node:path'\n` : ''}
const client = new OpenAI({ baseURL: process.env.BENCH_MODEL_URL, apiKey: 'bench', maxRetries: 0 })
${opts.judge ? `const judge = new OpenAI({ baseURL: process.env.EVALGATE_JUDGE_BASE_URL, apiKey: 'bench', maxRetries: 0 })\n` : ''}const ajv = new Ajv({ allErrors: true, strict: true })
addFormats(ajv)
const validate = ajv.compile(${JSON.stringify(SCHEMA)})
${cacheCode}
describe.concurrent('suite', () => {
  for (let i = 0; i < ${cases}; i++) {
    test(\`case \${i}\`, async ({ expect }) => {
      const { response, latencyMs } = await complete({ model: 'bench-model', messages: [{ role: 'user', content: \`ticket \${i}\` }] })
      const text = response.choices[0]?.message.content ?? ''
      const valid = validate(JSON.parse(text))
      expect(valid, ajv.errorsText(validate.errors)).toBe(true)
      expect(latencyMs).toBeLessThanOrEqual(5_000)${judgeCode}
    })
  }
})
`
}

function evalgateSuite(cases: number, judge: boolean): string {
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

/** Start-up and W1–W3, `cases` tests each (200 in the full run). */
export function comparisons(cases: number): Comparison[] {
  const ideal = (perCaseMs: number) => (cases * perCaseMs) / CONCURRENCY
  const files = (config: string, suite: string) => ({ 'vitest.config.ts': config, 'suite.test.ts': suite })
  const plainCfg = configPlain(CONCURRENCY)
  const egCfg = configEvalgate(CONCURRENCY, false)
  return [
    {
      id: 'startup',
      title: 'start-up: 1 trivial test, evalgate plugin',
      reference: 'plain Vitest, 1 trivial test',
      target: 1.15,
      idealMs: 0,
      plain: { id: 'startup-plain', title: 'plain Vitest, 1 trivial test', tests: 1, modelCalls: 0, judgeCalls: 0, server: 'model', files: files(plainCfg, trivialSuite(1)) },
      evalgate: { id: 'startup', title: 'evalgate plugin, 1 trivial test', tests: 1, modelCalls: 0, judgeCalls: 0, server: 'model', files: files(egCfg, trivialSuite(1)) },
    },
    {
      id: 'w1',
      title: `W1: ${cases} cases, model ${MODEL_LATENCY_MS} ms, concurrency ${CONCURRENCY}, toMatchSchema + toStayUnderLatency`,
      reference: 'plain Vitest + openai + ajv (JSON.parse, same schema, latency check)',
      target: 1.08,
      idealMs: ideal(MODEL_LATENCY_MS),
      plain: { id: 'w1-plain', title: 'plain W1', tests: cases, modelCalls: cases, judgeCalls: 0, server: 'model', files: files(plainCfg, plainSuite(cases)) },
      evalgate: { id: 'w1', title: 'W1', tests: cases, modelCalls: cases, judgeCalls: 0, server: 'model', files: files(egCfg, evalgateSuite(cases, false)) },
    },
    {
      id: 'w2',
      title: `W2: W1 + one toPassRubric judge call per case (judge ${JUDGE_LATENCY_MS} ms)`,
      reference: 'plain W1 + a judge call per case through openai (same judge server, JSON reply parsed)',
      target: 1.08,
      idealMs: ideal(MODEL_LATENCY_MS + JUDGE_LATENCY_MS),
      plain: { id: 'w2-plain', title: 'plain W2', tests: cases, modelCalls: cases, judgeCalls: cases, server: 'model', files: files(plainCfg, plainSuite(cases, { judge: true })) },
      evalgate: { id: 'w2', title: 'W2', tests: cases, modelCalls: cases, judgeCalls: cases, server: 'model', files: files(egCfg, evalgateSuite(cases, true)) },
    },
    {
      // The warm-up run records every call, the measured runs replay them all (a miss fails a test), so no
      // model time is left: both sides make zero calls, checked after every run.
      id: 'w3',
      title: 'W3: W1 rerun with the record/replay cache warm (`cache: true`, EVALGATE_CACHE=replay)',
      reference: 'plain W1 replaying from its own file cache (one JSON file per request, recorded in the warm-up)',
      target: 1.2,
      idealMs: 0,
      plain: {
        id: 'w3-plain', title: 'plain W3', tests: cases, modelCalls: 0, judgeCalls: 0, server: 'model',
        files: files(plainCfg, plainSuite(cases, { cache: true })), env: { BENCH_CACHE: 'replay' }, warmup: { env: { BENCH_CACHE: 'record' }, modelCalls: cases },
      },
      evalgate: {
        id: 'w3', title: 'W3', tests: cases, modelCalls: 0, judgeCalls: 0, server: 'model',
        files: files(configEvalgate(CONCURRENCY, true), evalgateSuite(cases, false)), env: { EVALGATE_CACHE: 'replay' }, warmup: { env: { EVALGATE_CACHE: 'record' }, modelCalls: cases },
      },
    },
  ]
}

/** W4 at `n` cases: W1's matchers vs the plain W1 suite, model 20 ms, concurrency 50, one file; wall and peak RSS. */
export function w4Comparison(n: number): Comparison {
  const files = (config: string, suite: string) => ({ 'vitest.config.ts': config, 'suite.test.ts': suite })
  const big = n === 5_000
  return {
    id: `w4-${n}`,
    title: `W4: ${n.toLocaleString('en')} cases, model ${W4_LATENCY_MS} ms, concurrency ${W4_CONCURRENCY}, W1's matchers`,
    reference: 'the plain W1 suite at the same n',
    rss: true,
    warmPlain: false,
    idealMs: (n * W4_LATENCY_MS) / W4_CONCURRENCY,
    ...(big ? { target: 1.15, rssTarget: 1.15 } : {}),
    plain: { id: `w4-${n}-plain`, title: `plain W4 ${n}`, tests: n, modelCalls: n, judgeCalls: 0, server: 'fast', files: files(configPlain(W4_CONCURRENCY), plainSuite(n)) },
    evalgate: { id: `w4-${n}`, title: `W4 ${n}`, tests: n, modelCalls: n, judgeCalls: 0, server: 'fast', files: files(configEvalgate(W4_CONCURRENCY, false), evalgateSuite(n, false)) },
  }
}
