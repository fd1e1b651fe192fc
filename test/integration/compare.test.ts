import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startModelServer, type ModelServer } from '../../src/testing/index.js'
import type { CompareReport } from '../../src/compare/report.js'
import { FIXTURES, runVitest } from '../helpers/run-vitest.js'

// test/fixtures/compare: 20 cases run once per candidate (one Vitest project each) against two local model
// servers. "current" (reference): 40 ms, wrong on case-01 and case-03. "fast": 5 ms, wrong on case-05.
// Every reply uses 10 prompt + 5 completion tokens.
const FIXTURE = join(FIXTURES, 'compare')
const tmp = mkdtempSync(join(tmpdir(), 'evalgate-compare-'))
let a: ModelServer
let b: ModelServer
let down: string

const serve = (latencyMs: number, wrong: string[]) =>
  startModelServer({
    replies: (req) => {
      const m = String(req.messages.at(-1)?.content ?? '')
      return { content: wrong.includes(m) ? 'wrong' : `answer-${m}`, usage: { promptTokens: 10, completionTokens: 5 }, latencyMs }
    },
  })

beforeAll(async () => {
  a = await serve(40, ['case-01', 'case-03'])
  b = await serve(5, ['case-05'])
  const gone = await startModelServer()
  down = gone.baseURL
  await gone.stop()
})
afterAll(async () => {
  await a?.stop()
  await b?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

let runs = 0
async function compare(settings: object, env: Record<string, string> = {}, args: string[] = []) {
  const json = join(tmp, `compare-${++runs}.json`)
  const html = join(tmp, `compare-${runs}.html`)
  const r = await runVitest(FIXTURE, args, { EVALGATE_A_URL: a.baseURL, EVALGATE_B_URL: b.baseURL, EVALGATE_COMPARE: JSON.stringify(settings), EVALGATE_COMPARE_JSON: json, EVALGATE_COMPARE_HTML: html, ...env })
  let report: CompareReport | undefined
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as CompareReport
  } catch {
    report = undefined
  }
  return { ...r, report, json, html }
}

describe('model selection through a real vitest run', () => {
  test('a clear win: the faster, more accurate candidate is chosen, with paired statistics and costs', async () => {
    const r = await compare({})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Tests +40 passed/)
    const rep = r.report!
    expect(rep.decision.choice).toBe('fast')
    expect(rep.decision.tie).toBe(false)
    expect(r.stdout).toContain('decision    choose fast: meets every threshold')
    const h = rep.headToHead[0]!
    expect(h).toMatchObject({ candidate: 'fast', reference: 'current', paired: 20 })
    const acc = h.metrics.find((m) => m.metric === 'accuracy')!
    expect(acc).toMatchObject({ method: 'sign', n: 20, reference: 0.9, candidate: 0.95, verdict: 'tie' })
    expect(acc.diff).toBeCloseTo(0.05, 10)
    // b = 1 regression (case-05), c = 2 fixes: one-sided p = P(X ≥ 1 | Bin(3, ½)) = 7/8 and P(X ≥ 2) = ½ → two-sided 1.
    expect(acc.p).toBeCloseTo(1, 12)
    expect(h.underperforming.map((u) => u.id)).toEqual(['evals/qa.eval.ts > [pass] case-05'])
    expect(h.categories.map((c) => c.category)).toEqual(['facts', 'math'])
    // Cost by hand. current: 20 calls × (10 × $1 + 5 × $2) / 1e6 = $0.0004; per 1,000 requests $0.02;
    // per successful output $0.0004 / 20 = $0.00002; quality per dollar = pass 1.0 / 0.02 = 50.
    const cur = rep.candidates.find((c) => c.name === 'current')!
    expect(cur.cost.basis).toBe('tokens')
    expect(cur.cost.evalSetUsd).toBeCloseTo(0.0004, 12)
    expect(cur.cost.per1kRequestsUsd).toBeCloseTo(0.02, 12)
    expect(cur.cost.perSuccessUsd).toBeCloseTo(0.00002, 12)
    expect(cur.qualityPerDollar).toBeCloseTo(50, 8)
    // fast: hourly $3.6 → $0.001 per second of measured serving time; every call takes ≥ 5 ms, so ≥ $0.0001.
    const fast = rep.candidates.find((c) => c.name === 'fast')!
    expect(fast.cost.basis).toBe('hourly')
    expect(fast.cost.evalSetUsd!).toBeGreaterThanOrEqual((20 * 5 * 3.6) / 3.6e6)
    expect(fast.cost.per1kRequestsUsd).toBeCloseTo((fast.cost.evalSetUsd! / 20) * 1000, 12)
    expect(fast.cost.throughputTps!).toBeCloseTo(100 / ((fast.cost.evalSetUsd! / 3.6) * 3600), 6)
    expect(fast.operational.latencyMs!.p50).toBeLessThan(cur.operational.latencyMs!.p50)
    // Outputs kept for review, keys never written.
    expect(rep.cases[5]!.results['fast']!.outputs).toEqual(['wrong'])
    const text = readFileSync(r.json, 'utf8') + readFileSync(r.html, 'utf8')
    expect(text).not.toContain('sk-fixture')
    expect(readFileSync(r.html, 'utf8')).toContain(rep.decision.line.replace(/'/g, '&#39;'))
  })

  test('a threshold disqualifies the better-scoring candidate', async () => {
    // fast priced at $10/$20 per 1M tokens: 20 × (100 + 100) / 1e6 = $0.004 → $0.2 per 1,000 requests > max 0.05.
    const r = await compare({ pricingB: { input: 10, output: 20 }, compare: { thresholds: { 'cost.per1k': { max: 0.05 } } } })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const rep = r.report!
    expect(rep.candidates.find((c) => c.name === 'fast')!.cost.per1kRequestsUsd).toBeCloseTo(0.2, 12)
    const fastRow = rep.decision.table.find((t) => t.name === 'fast')!
    expect(fastRow.total!).toBeGreaterThan(rep.decision.table.find((t) => t.name === 'current')!.total!)
    expect(fastRow.disqualified).toEqual(['cost.per1k 0.2 > max 0.05'])
    expect(rep.decision.choice).toBe('current')
    expect(rep.decision.line).toContain('fast disqualified: cost.per1k 0.2 > max 0.05')
    expect(rep.decision.line).toContain('10.0× cheaper per 1,000 requests than fast')
  })

  test('a virtual tie is broken by `prefer`', async () => {
    // Quality only, on `pass` (both 1.0): totals tie; prefer latency picks the faster one, without prefer the reference stays.
    const dims = { quality: { weight: 1, metrics: ['pass'] } }
    const tied = await compare({ compare: { dimensions: dims, prefer: 'latency' } })
    expect(tied.code, tied.stdout + tied.stderr).toBe(0)
    expect(tied.report!.decision).toMatchObject({ choice: 'fast', tie: true })
    expect(tied.report!.decision.line).toMatch(/^choose fast: virtual tie \(current 10\.0 vs fast 10\.0, within 0\.3\), broken by prefer 'latency'/)
    const kept = await compare({ compare: { dimensions: dims } })
    expect(kept.report!.decision).toMatchObject({ choice: 'current', tie: true })
    expect(kept.report!.decision.line).toContain('no `prefer`: the reference is kept')
  })

  test('a candidate whose endpoint is down is reported failed with the reason and fails the run', async () => {
    const r = await compare({}, { EVALGATE_B_URL: down })
    expect(r.code).toBe(1)
    const fast = r.report!.candidates.find((c) => c.name === 'fast')!
    expect(fast.failed).toMatch(/^every model call failed \(20\); connection: /)
    expect(fast.cost.perSuccessUsd).toBeNull()
    expect(r.report!.decision.choice).toBe('current')
    expect(r.report!.decision.line).toContain('fast failed: every model call failed')
    expect(r.stdout).toContain('✗ fast FAILED: every model call failed (20); connection:')
  })

  test('--project <name> runs one candidate, and the report says no decision can be made', async () => {
    const r = await compare({}, {}, ['--project', 'fast'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Tests +20 passed/)
    expect(r.report!.notRun).toEqual(['current'])
    expect(r.report!.decision.line).toBe('no decision: a comparison needs two candidates, only fast ran (not run: current)')
  })
})
