import { describe, expect, test } from 'vitest'
import { fingerprint, loadCases, record, tagCase } from 'evalgate'
import { PROMPTS } from '../src/prompts.js'
import { makeApp } from './model.js'
import { exampleCases } from './run-knobs.js'
import { triageSchema } from './schema.js'

interface Expected {
  category: string
  priority: string
}

// Baselines remember what produced them; the report names what changed since.
fingerprint({ prompts: PROMPTS })

const cases = exampleCases(await loadCases<string, Expected>(new URL('./tickets.jsonl', import.meta.url).pathname))
const { app, client, model, judge } = makeApp()

// Test titles are the baseline keys. Named explicitly (not `test.for(cases)('$id')`: Vitest 4 quotes a
// string `$id` in the title, Vitest 5 does not), one baseline file serves both majors.
describe.concurrent('classify', () => {
  for (const c of cases) test(c.id, async ({ expect }) => {
    tagCase({ category: c.category, critical: c.critical })
    const { label, response } = await app.classify(c.input)
    record('accuracy', label === c.expected?.category ? 1 : 0)
    expect(response).toStayUnderLatency({ max: 5_000 })
  })
})

describe.concurrent('extract', () => {
  for (const c of cases) test(c.id, async ({ expect }) => {
    tagCase({ category: c.category, critical: c.critical })
    const { text } = await app.extract(c.input)
    expect(text).toMatchSchema(triageSchema)
  })
})

describe.concurrent('reply', () => {
  for (const c of cases) test(c.id, async ({ expect }) => {
    tagCase({ category: c.category })
    const { text, stream } = await app.draftReply(c.input)
    record('mentions_next_steps', /next steps/i.test(text) ? 1 : 0)
    // Half the criteria must pass for the test; the baseline catches any drop of the score below that.
    await expect(text).toPassRubric(c.rubric ?? [], { input: c.input, threshold: 0.5, judge })
    expect(stream).toStayUnderLatency({ metric: 'ttft', max: 5_000 })
  })
})

describe('operational limits', () => {
  test('classification under load: p95 within budget at concurrency 10', async () => {
    await expect(() => app.classify(cases[0]!.input).then((r) => r.response)).toStayUnderLatency({
      p50: 1_000,
      p95: 2_000,
      samples: 40,
      concurrency: 10,
      warmup: 2,
    })
  })
  test('streamed replies: time to first token at concurrency 20', async () => {
    await expect(() =>
      client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: cases[1]!.input }] }),
    ).toStayUnderLatency({ metric: 'ttft', p95: 2_000, samples: 40, concurrency: 20 })
  })
})
