import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startModelServer, type ModelServer } from '../../src/testing/index.js'
import type { CompareReport } from '../../src/compare/report.js'
import { FIXTURES, REPO_ROOT, runVitest } from '../helpers/run-vitest.js'

const BIN = join(REPO_ROOT, 'dist/cli/index.js')
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, EVALGATE_JUDGE_API_KEY: 'sk-judge-secret' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
let clearWinJson = ''

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
    clearWinJson = r.json
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

  test('pairwise export is blind (scanned for every candidate and model name) and import round-trips', async () => {
    expect(clearWinJson).not.toBe('')
    const out = join(tmp, 'review')
    const e = await cli('pairwise', 'export', '--report', clearWinJson, '--out', out, '--seed', '7')
    expect(e.code, e.stderr).toBe(0)
    expect(e.stdout).toContain('20 rows written to')
    const csv = readFileSync(`${out}.csv`, 'utf8')
    const html = readFileSync(`${out}.html`, 'utf8')
    for (const name of ['current', 'fast', 'model-a', 'model-b']) {
      expect(csv.toLowerCase()).not.toContain(name)
      expect(html.toLowerCase()).not.toContain(name)
    }
    expect(csv.split('\n')[0]).toBe('id,input,criteria,output_a,output_b,rating')
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/)
    const key = JSON.parse(readFileSync(`${out}.key.json`, 'utf8')) as { rows: Record<string, { a: string; b: string; case: string }> }
    const sides = Object.values(key.rows).map((k) => k.a)
    // Seeded order: both candidates appear as A, and the same seed gives the same key.
    expect(new Set(sides)).toEqual(new Set(['current', 'fast']))
    const again = await cli('pairwise', 'export', '--report', clearWinJson, '--out', join(tmp, 'again'), '--seed', '7')
    expect(again.code).toBe(0)
    expect(readFileSync(join(tmp, 'again.key.json'), 'utf8')).toBe(readFileSync(`${out}.key.json`, 'utf8'))
    // A reviewer prefers the correct answer ("answer-…"), ties when both are right.
    const { parse } = await import('csv-parse/sync')
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>
    const rated = rows.map((r): Record<string, string> => ({ ...r, rating: r['output_a']!.startsWith('answer-') === r['output_b']!.startsWith('answer-') ? 'tie' : r['output_a']!.startsWith('answer-') ? 'A' : 'B' }))
    const ratings = join(tmp, 'ratings.csv')
    writeFileSync(ratings, ['id,input,criteria,output_a,output_b,rating', ...rated.map((r) => [r['id'], JSON.stringify(r['input']), JSON.stringify(r['criteria']), r['output_a'], r['output_b'], r['rating']].join(','))].join('\n') + '\n')
    // A judge that always says TIE: it agrees with the humans exactly on the 17 tied rows.
    const judge = await startModelServer({ replies: [{ reply: '{"winner": "TIE", "reason": "both fine"}' }] })
    try {
      const i = await cli('pairwise', 'import', ratings, '--key', `${out}.key.json`, '--judge-base-url', judge.baseURL, '--judge-model', 'judge-m')
      expect(i.code, i.stderr).toBe(0)
      expect(i.stdout).toContain('20 of 20 rows rated')
      // fast wins 2 (case-01, case-03), loses 1 (case-05), ties 17: (2 + 8.5) / 20 = 52.5 %.
      expect(i.stdout).toMatch(/fast vs current: win rate 52\.5% \[\d+\.\d, \d+\.\d\] \(2 won, 17 tied, 1 lost of 20\)/)
      expect(i.stdout).toMatch(/current vs fast: win rate 47\.5% /)
      expect(i.stdout).toContain('human–judge agreement: 17 of 20 rows (85.0%), judge judge-m')
      expect(i.stdout + i.stderr).not.toContain('sk-judge-secret')
    } finally {
      await judge.stop()
    }
    const bad = join(tmp, 'bad.csv')
    writeFileSync(bad, 'id,rating\nr0001,C\n')
    const b = await cli('pairwise', 'import', bad, '--key', `${out}.key.json`)
    expect(b.code).toBe(1)
    expect(b.stderr).toContain('line 2 (row r0001): rating must be A, B or tie, got "C"')
  })

  test('each candidate keeps its own baselines (keys carry the candidate project)', async () => {
    const dir = join(tmp, 'baselines')
    const r = await compare({}, { EVALGATE_COMPARE_BASELINES: dir })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    // <baselines.dir>/<candidate>/: one file per candidate and test file.
    const read = (c: string) => JSON.parse(readFileSync(join(dir, c, 'evals/qa.eval.ts.json'), 'utf8')) as { cases: Record<string, { scores: Record<string, number> }> }
    expect(read('current').cases['[current] [pass] case-01']!.scores['accuracy']).toBe(0)
    expect(read('fast').cases['[fast] [pass] case-01']!.scores['accuracy']).toBe(1)
    expect(Object.keys(read('current').cases)).toHaveLength(20)
    expect(Object.keys(read('fast').cases)).toHaveLength(20)
    // A second run compares each candidate with its own baseline: nothing regressed.
    const again = await compare({}, { EVALGATE_COMPARE_BASELINES: dir, CI: 'true' })
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.stdout).toContain('40 cases (40 compared, 0 new)')
  })

  test('--project <name> runs one candidate, and the report says no decision can be made', async () => {
    const r = await compare({}, {}, ['--project', 'fast'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Tests +20 passed/)
    expect(r.report!.notRun).toEqual(['current'])
    expect(r.report!.decision.line).toBe('no decision: a comparison needs two candidates, only fast ran (not run: current)')
  })
})
