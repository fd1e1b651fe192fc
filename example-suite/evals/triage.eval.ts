import { describe, test } from 'vitest'
import { checkSchema, evalCases, fingerprint, loadCases, record } from 'evalgate'
import { PROMPTS } from '../src/prompts.js'
import { limitCases } from './limit.js'
import { makeApp } from './model.js'
import { exampleTrials } from './run-knobs.js'
import { triageSchema } from './schema.js'

interface Expected {
  category: string
  priority: string
}

// Baselines remember what produced them; the report names what changed since.
fingerprint({ prompts: PROMPTS, other: { schema: triageSchema } })

// ~190 tickets over six categories, easy / hard / adversarial (tags), written by scripts/generate-tickets.mjs.
// EVALGATE_EXAMPLE_LIMIT=N runs N of them (round-robin over categories) and skips the rest.
const { run: cases, skipped } = limitCases(await loadCases<string, Expected>(new URL('./tickets.jsonl', import.meta.url).pathname))
const { app, client, model, judge } = makeApp()

/** Cases outside EVALGATE_EXAMPLE_LIMIT stay registered (skipped), so their baselines are not obsolete. */
const skipRest = () => {
  for (const c of skipped) test.skip(c.id, () => undefined)
}

// Test titles are the baseline keys: `classify > billing-01a`. evalCases names each test by the case id,
// tags it with the case's category and criticality and runs it concurrently.
describe('classify', async () => {
  await evalCases(cases, async (c, { expect }) => {
    const { label, response } = await app.classify(c.input)
    record('accuracy', label === c.expected?.category ? 1 : 0)
    expect(response).toStayUnderLatency({ max: 5_000 })
  }, { trials: exampleTrials(1) })
  skipRest()
})

describe('extract', async () => {
  await evalCases(cases, async (c, { expect }) => {
    const { text } = await app.extract(c.input)
    const parsed = checkSchema(text, triageSchema)
    record('schema_valid', parsed.pass ? 1 : 0)
    const fields = parsed.value as { priority?: unknown } | undefined
    record('priority', fields?.priority === c.expected?.priority ? 1 : 0)
    // Critical tickets must always yield valid fields (adversarial ones excepted: they are there to trip the
    // extractor); on all of them the baseline and the suite gate watch schema_valid.
    if (c.critical && !c.tags?.includes('adversarial')) expect(text).toMatchSchema(triageSchema)
  }, { trials: exampleTrials(1) })
  skipRest()
})

// Replies are sampled (temperature 0.3): three trials per case, so the gate compares each case's share.
describe('reply', async () => {
  await evalCases(
    cases,
    async (c, { expect }) => {
      const { text, stream } = await app.draftReply(c.input)
      record('mentions_next_steps', /next steps/i.test(text) ? 1 : 0)
      // A fifth of the cases carry a rubric for the judge. A draft meeting none of it (below 0.3: one of three
      // criteria is enough) fails its test; any smaller drop of the score is for the baseline and the suite gate.
      if (c.rubric?.length) await expect(text).toPassRubric(c.rubric, { input: c.input, threshold: 0.3, judge })
      expect(stream).toStayUnderLatency({ metric: 'ttft', max: 5_000 })
    },
    { trials: exampleTrials(3) },
  )
  skipRest()
})

describe('operational limits', () => {
  test('classification under load: p95 within budget at concurrency 10', async ({ expect }) => {
    await expect(() => app.classify(cases[0]!.input).then((r) => r.response)).toStayUnderLatency({
      p50: 1_000,
      p95: 2_000,
      samples: 40,
      concurrency: 10,
      warmup: 2,
    })
  })
  test('streamed replies: time to first token at concurrency 20', async ({ expect }) => {
    await expect(() =>
      client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: cases[1 % cases.length]!.input }] }),
    ).toStayUnderLatency({ metric: 'ttft', p95: 2_000, samples: 40, concurrency: 20 })
  })
})
