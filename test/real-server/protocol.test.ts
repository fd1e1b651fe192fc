import OpenAI from 'openai'
import { describe, expect, inject, test } from 'vitest'
import { getMeasurement, wrapOpenAI, type CallMeasurement, type MatcherRecord } from 'evalgate'

// evalgate's measurement, judge protocol, load mode and cache against llama.cpp's llama-server with a tiny
// real model. Every assertion holds for any model: nothing here depends on how good the answers are.
const baseURL = inject('realBaseURL')
const client = () => wrapOpenAI(new OpenAI({ baseURL, apiKey: 'real-server-no-key', maxRetries: 1, timeout: 120_000 }))
const judge = (o: { structured?: boolean; maxTokens?: number } = {}) => ({ baseURL, apiKey: 'real-server-no-key', model: 'tiny', maxRetries: 0, timeout: 120_000, maxTokens: 96, ...o })
const ticket = 'I was charged twice for my March subscription, order ORD-1042. Please refund one of the charges.'
const FAULT_KINDS = ['not_json', 'cut_off', 'missing_verdict', 'unknown_verdict', 'unknown_criterion', 'duplicate_verdict', 'empty_reply', 'refused', 'endpoint_error']

const meta = (task: { meta: object }) => (task.meta as { evalgate?: { calls: CallMeasurement[]; matchers: MatcherRecord[] } }).evalgate ?? { calls: [], matchers: [] }

/** Plausible timing of a live call on 2 cores: positive, finite, under two minutes. */
function plausible(m: CallMeasurement | undefined): void {
  expect(m).toBeDefined()
  expect(m!.ok).toBe(true)
  expect(m!.cached).toBeUndefined()
  expect(m!.totalMs).toBeGreaterThan(0)
  expect(m!.totalMs).toBeLessThan(120_000)
  expect(m!.model).toBeTruthy()
}

describe('measured calls against llama-server', () => {
  test('a plain completion: latency, usage and the reported model are measured', async () => {
    const r = await client().chat.completions.create({ model: 'tiny', temperature: 0.8, max_tokens: 24, messages: [{ role: 'user', content: ticket }] })
    const m = getMeasurement(r)
    plausible(m)
    expect(m!.ttftMs).toBeNull()
    expect(m!.promptTokens).toBe(r.usage?.prompt_tokens)
    expect(m!.completionTokens).toBeGreaterThan(0)
    expect(m!.completionTokens).toBeLessThanOrEqual(24)
    expect(m!.attempts).toBe(1)
  })

  test('streaming with usage: TTFT before the end, usage from the final chunk (which has no choices)', async () => {
    const stream = await client().chat.completions.create({ model: 'tiny', temperature: 0.8, max_tokens: 32, stream: true, messages: [{ role: 'user', content: ticket }] })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
    const m = getMeasurement(stream)
    plausible(m)
    expect(m!.stream).toBe(true)
    expect(m!.ttftMs).toBeGreaterThan(0)
    expect(m!.ttftMs!).toBeLessThanOrEqual(m!.totalMs)
    expect(m!.completionTokens).toBeGreaterThan(0)
    expect(m!.promptTokens).toBeGreaterThan(0)
    expect(typeof text).toBe('string')
  })
})

describe('the judge protocol against a weak real judge: a verdict or a named fault, never a silent pass', () => {
  const criteria = ['Acknowledges the double charge', 'Gives clear next steps']
  const output = 'Sorry about the double charge. Next steps: we refund one charge within 3 days.'

  async function judged(task: { meta: object }, options: Parameters<typeof judge>[0]) {
    const outcome = await expect(output)
      .toPassRubric(criteria, { input: ticket, threshold: 0.5, judge: judge(options) })
      .then(
        () => 'pass',
        (e: Error) => e.message,
      )
    const record = meta(task).matchers.find((r) => r.matcher === 'toPassRubric')
    expect(record, 'the rubric outcome is recorded').toBeDefined()
    const fault = (record!.details as { fault?: { kind: string } } | undefined)?.fault
    if (outcome === 'pass') {
      // A pass needs a verdict for every criterion, read from the judge's reply.
      expect(fault).toBeUndefined()
      expect(record!.pass).toBe(true)
      expect((record!.details as { criteria: unknown[] }).criteria).toHaveLength(criteria.length)
    } else if (fault) {
      expect(FAULT_KINDS).toContain(fault.kind)
      expect(outcome).toContain(`judge fault (${fault.kind})`)
      expect(record!.pass).toBe(false)
    } else {
      expect(outcome).toContain('the output does not pass the rubric')
    }
    const call = meta(task).calls.find((c) => c.kind === 'judge')
    expect(call?.totalMs).toBeGreaterThan(0)
    return { outcome, record: record!, fault }
  }

  test('with structured output (response_format json_schema, accepted by llama-server)', async ({ task }) => {
    const { record } = await judged(task, { structured: true })
    expect((record.details as { structured: boolean }).structured).toBe(true)
  })

  test('without structured output (JSON asked for in text)', async ({ task }) => {
    const { record } = await judged(task, { structured: false })
    expect((record.details as { structured: boolean }).structured).toBe(false)
  })

  test('a garbage judge reply (cut off at 3 tokens) fails with a named fault', async ({ task }) => {
    const { outcome, fault } = await judged(task, { structured: false, maxTokens: 3 })
    expect(outcome).not.toBe('pass')
    expect(fault?.kind).toBe('cut_off')
  })
})

describe('load mode and the cache against llama-server', () => {
  test('load mode at concurrency 4: every sample measured, percentiles from live calls', async ({ task }) => {
    const c = client()
    await expect(() => c.chat.completions.create({ model: 'tiny', temperature: 0.8, max_tokens: 8, messages: [{ role: 'user', content: ticket }] })).toStayUnderLatency({
      p95: 60_000,
      samples: 16,
      concurrency: 4,
      warmup: 1,
    })
    const calls = meta(task).calls.filter((m) => m.kind === 'chat')
    expect(calls.length).toBeGreaterThanOrEqual(16)
    for (const m of calls) plausible(m)
    // Four in flight on a server with 4 slots: the measured calls overlap in time (the warm-up call, the
    // first to start, ends before they begin: runLoad starts its event-loop monitor in between).
    const measured = [...calls].sort((a, b) => a.startedAt - b.startedAt).slice(-16)
    const starts = measured.map((m) => m.startedAt)
    const ends = measured.map((m) => m.startedAt + m.totalMs).sort((a, b) => a - b)
    expect(starts[3]!).toBeLessThan(ends[0]! + 1)
    const load = meta(task).matchers.find((r) => r.matcher === 'toStayUnderLatency')
    expect(load?.pass).toBe(true)
  })

  // Identical requests inside one test are numbered apart (votes, samples), so recording and replay are
  // two tests, like two runs.
  const body = { model: 'tiny', temperature: 0.9, max_tokens: 16, messages: [{ role: 'user' as const, content: `${ticket} (cache test ${Date.now()})` }] }
  let recorded: { content: string | null | undefined; totalMs: number } | undefined
  test('cache record: the live answer is recorded', async () => {
    process.env.EVALGATE_CACHE = 'record'
    try {
      const live = await client().chat.completions.create(body)
      const m = getMeasurement(live)!
      expect(m).toMatchObject({ cache: 'miss', ok: true })
      plausible(m)
      recorded = { content: live.choices[0]?.message.content, totalMs: m.totalMs }
    } finally {
      delete process.env.EVALGATE_CACHE
    }
  })
  test('cache replay: the same answer without a request, recorded timing kept apart; a miss fails offline', async () => {
    expect(recorded, 'the record test ran first').toBeDefined()
    // replay mode: a miss fails without touching the network, so a hit is the recording.
    process.env.EVALGATE_CACHE = 'replay'
    try {
      const c = client()
      const again = await c.chat.completions.create(body)
      const m = getMeasurement(again)!
      expect(m).toMatchObject({ cache: 'hit', cached: true, ok: true })
      expect(again.choices[0]?.message.content).toBe(recorded!.content)
      expect(m.recorded?.totalMs).toBeGreaterThan(0)
      expect(m.recorded!.totalMs).toBeLessThanOrEqual(recorded!.totalMs + 1)
      await expect(c.chat.completions.create({ ...body, stream: true })).rejects.toThrow(/no recording of this request in replay mode/)
    } finally {
      delete process.env.EVALGATE_CACHE
    }
  })
})
