/**
 * Issue 10's fault matrix through real `vitest run` processes of test/fixtures/fault-matrix: every fault of
 * the model server (chat, stream, judge, embeddings) against every matcher that consumes it, un-awaited
 * matchers, `.not` on no samples, option typos and prototype-named titles. Every row asserts the test's
 * outcome, its message and the exit code; 0 silent passes. Then a secrets scan over every file any reporter
 * wrote (json, junit, html, blob, GitHub summary, evalgate JSON, snapshots, cache).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, failureOf, misbehaving, runVitest, type VitestRun } from '../helpers/run-vitest.js'

const FIXTURE = join(FIXTURES, 'fault-matrix')
const SECRETS = ['sk-matrix-judge-secret-4242', 'matrix-embeddings-key-5151', 'app-matrix-secret-key-7373']
const ENV = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, EVALGATE_JUDGE_API_KEY: undefined, EVALGATE_JUDGE_BASE_URL: undefined, EVALGATE_JUDGE_MODEL: undefined, EVALGATE_CACHE: undefined }

let run: VitestRun
let second: VitestRun
let out: string

function clean(): void {
  for (const d of ['snapshots', '.evalgate', 'out', 'html', '.vitest']) rmSync(join(FIXTURE, d), { recursive: true, force: true })
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

const ORPHAN = join(FIXTURE, '.evalgate/cache/ab', `${'ab'.repeat(32)}.json.999999.abcdef.tmp`)
const LOCK = join(FIXTURE, 'snapshots/lock.test.ts.json.lock')

/** A corrupt baseline, a lock left by a crashed run and an orphaned cache temp file, before the run. */
function plant(): void {
  mkdirSync(join(FIXTURE, 'snapshots'), { recursive: true })
  writeFileSync(join(FIXTURE, 'snapshots/corrupt.test.ts.json'), JSON.stringify({ version: 1, file: 'corrupt.test.ts', cases: { '[fail] corrupt baseline: scores {}': { scores: {}, latencyMs: null, ttftMs: null, tokens: null, costUsd: null, outputHash: null } } }))
  mkdirSync(LOCK, { recursive: true })
  writeFileSync(join(LOCK, 'owner.json'), JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname(), at: new Date().toISOString() }))
  mkdirSync(join(FIXTURE, '.evalgate/cache/ab'), { recursive: true })
  writeFileSync(ORPHAN, '{"half": ')
  const old = new Date(Date.now() - 5 * 60_000)
  utimesSync(ORPHAN, old, old)
}

beforeAll(async () => {
  clean()
  plant()
  out = mkdtempSync(join(tmpdir(), 'evalgate-fault-matrix-'))
  const reporters = [
    '--reporter=junit', `--outputFile.junit=${join(out, 'junit.xml')}`,
    '--reporter=blob', `--outputFile.blob=${join(out, 'blob.json')}`,
    '--reporter=html', `--outputFile.html=${join(out, 'html/index.html')}`,
  ]
  run = await runVitest(FIXTURE, reporters, ENV, 150_000)
  // Against the baselines the first run wrote: prototype-named titles, and (as on GitHub Actions, with a
  // job summary) the judge faults, whose 401 rows echo the key.
  const summary = join(out, 'step-summary.md')
  second = await runVitest(FIXTURE, ['titles', 'judge'], { ...ENV, EVALGATE_CACHE: 'off', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, 90_000)
}, 240_000)
afterAll(() => {
  clean()
  rmSync(out, { recursive: true, force: true })
})

const names = () => [...run.tests.keys()]
const rows = (part: string) => names().filter((n) => n.includes(part))

describe('fault matrix', () => {
  test('every [fail] row fails and every [pass] control passes: 0 silent passes; exit code 1', () => {
    expect(misbehaving(run)).toEqual([])
    expect(run.code).toBe(1)
    const failing = names().filter((n) => n.includes('[fail]'))
    expect(failing.length, run.stdout + run.stderr).toBeGreaterThanOrEqual(100)
    // For the report: rows × matchers.
    console.log(`fault matrix: ${failing.length} fault rows, ${names().length - failing.length} controls, ${failing.filter((n) => run.tests.get(n)!.state === 'passed').length} silent passes`)
  })

  test('chat faults: the failure names the kind and the count, under .not too', () => {
    expect(failureOf(run, 'chat faults, non-stream [fail] measured call: html')).toContain('the endpoint answered 200 with an HTML page')
    expect(failureOf(run, 'chat faults, non-stream [fail] measured call: non_json')).toContain('body that is not JSON')
    expect(failureOf(run, 'chat faults, non-stream [fail] measured call: empty_choices')).toContain('no choices')
    expect(failureOf(run, 'chat faults, non-stream [fail] measured call: null_content')).toContain('null content')
    expect(failureOf(run, 'chat faults, non-stream [fail] load mode: html')).toContain('all 2 call(s) failed (html 2)')
    expect(failureOf(run, 'chat faults, non-stream [fail] load mode under .not: non_json')).toContain('all 2 call(s) failed (not_json 2)')
    expect(failureOf(run, 'chat faults, non-stream [fail] load mode: one failed call of four is over the default maxFailureRate 0')).toContain(
      '1 of 4 call(s) failed (html 1): failure rate 0.25, expected ≤ 0 (maxFailureRate)',
    )
    expect(failureOf(run, 'chat faults, stream [fail] measured stream: truncated_sse')).toContain('the stream ended without a finish_reason or [DONE]')
    expect(failureOf(run, 'chat faults, stream [fail] load mode stream: truncated_sse')).toContain('all 2 call(s) failed (truncated 2)')
    expect(failureOf(run, 'chat faults, stream [fail] load mode stream under .not: truncated_sse')).toContain('(truncated 2)')
    expect(failureOf(run, 'chat faults, stream [fail] load mode stream: empty_choices')).toContain('(empty_choices 2)')
    expect(failureOf(run, 'no samples [fail] .not on an empty sample list')).toContain('no latency to judge: no samples')
  })

  test('judge and embeddings faults fail as judge faults naming the cause, under .not too', () => {
    for (const n of rows('judge faults [fail]')) expect(failureOf(run, n), n).toMatch(/judge fault|EvalgateFault|JudgeFault/)
    expect(failureOf(run, 'judge faults [fail] toPassRubric: html')).toContain('HTML page')
    expect(failureOf(run, 'judge faults [fail] toPassRubric under .not: empty_choices')).toContain('no choices')
    expect(failureOf(run, 'judge faults [fail] toRefuse judge: echo_key_401')).toContain('401')
    expect(failureOf(run, 'embeddings faults [fail] toBeSimilarTo: non_json')).toContain('not JSON')
    expect(failureOf(run, 'embeddings faults [fail] toBeSimilarTo under .not: html')).toContain('HTML page')
  })

  test('un-awaited matchers fail their test by name and write no baseline', () => {
    for (const [row, matcher] of [
      ['toPassRubric', 'toPassRubric'],
      ['toRefuse judge', 'toRefuse'],
      ['toBeSimilarTo', 'toBeSimilarTo'],
      ['toStayUnderLatency load mode', 'toStayUnderLatency'],
      ['toMatchBaseline', 'toMatchBaseline'],
    ]) {
      expect(failureOf(run, `un-awaited matchers [fail] unawaited ${row}`)).toContain(`evalgate: ${matcher} was not awaited`)
    }
    expect(failureOf(run, 'un-awaited matchers [fail] unawaited toPassRubric inside forEach')).toContain('toPassRubric (2 calls) was not awaited')
    expect(failureOf(run, 'unawaited inside evalCases [fail] unawaited evalCases case')).toContain('toPassRubric was not awaited')
    const baseline = JSON.parse(readFileSync(join(FIXTURE, 'snapshots/unawaited.test.ts.json'), 'utf8')) as { cases: Record<string, unknown> }
    expect(Object.keys(baseline.cases)).toEqual(['un-awaited matchers > [pass] awaited toPassRubric'])
  })

  test('option typos are rejected with the plugin\'s "unknown option" wording', () => {
    for (const [row, key] of [
      ['toPassRubric { treshold }', 'treshold'],
      ['toMatchSchema { stict }', 'stict'],
      ['toBeSimilarTo { treshold }', 'treshold'],
      ['toRefuse { jugde }', 'jugde'],
      ['toMatchBaseline { tolrance }', 'tolrance'],
      ['toStayUnderLatency { p96 }', 'p96'],
      ['comparePairwise { questoin }', 'questoin'],
    ]) {
      expect(failureOf(run, `unknown option keys [fail] ${row}`)).toContain(`unknown option "${key}"`)
    }
    expect(run.stdout + run.stderr).toContain('evalCases: unknown option "trails" (known: subset, trials, concurrency, timeout, load)')
    expect(failureOf(run, 'strict schemas [fail] toMatchSchema with a misspelt keyword (requird)')).toContain('unknown keyword "requird" at #')
    expect(failureOf(run, 'strict schemas [fail] toMatchSchema .not with a misspelt keyword')).toContain('unknown keyword "requird" at #')
    expect(failureOf(run, 'strict schemas [fail] toMatchSchema with an unknown format')).toContain('unknown format "phone-number" at #/properties/phone')
  })

  test('titles constructor, toString, __proto__, hasOwnProperty, valueOf are ordinary baseline keys, on the next run too', () => {
    for (const t of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(run.tests.get(t)?.state, t).toBe('passed')
    for (const t of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(second.tests.get(t)?.state, t + second.stdout + second.stderr).toBe('passed')
    expect(misbehaving(second)).toEqual([])
    expect(second.code).toBe(1)
  })

  test('injection variants fail honestly against a gullible judge (a verdict, not a fault)', () => {
    const variants = rows('injection variants [fail]')
    expect(variants.length).toBe(9)
    for (const n of variants) expect(failureOf(run, n), n).toContain('the output does not pass the rubric: score 0.00 is below the threshold 1.00')
  })

  test('a corrupt baseline names file and JSON path; a crashed run\'s lock is taken over; orphaned temp files are cleaned', () => {
    expect(failureOf(run, '[fail] corrupt baseline: scores {}')).toContain(
      'snapshots/corrupt.test.ts.json is corrupt: cases["[fail] corrupt baseline: scores {}"].scores must hold at least one score',
    )
    expect(run.tests.get('[pass] a stale lock of a crashed run does not block the baseline write')?.state).toBe('passed')
    expect(existsSync(LOCK)).toBe(false)
    expect(Object.keys((JSON.parse(readFileSync(join(FIXTURE, 'snapshots/lock.test.ts.json'), 'utf8')) as { cases: object }).cases)).toEqual([
      '[pass] a stale lock of a crashed run does not block the baseline write',
    ])
    expect(existsSync(ORPHAN)).toBe(false)
  })

  test('no configured key in any file a reporter wrote, nor in the output', () => {
    // Vitest 5's html reporter ignores outputFile.html and writes to its outputDir (default .vitest/).
    const files = [...filesUnder(out), ...filesUnder(join(FIXTURE, 'snapshots')), ...filesUnder(join(FIXTURE, '.evalgate')), ...filesUnder(join(FIXTURE, 'out')), ...filesUnder(join(FIXTURE, '.vitest'))]
    const kinds = new Set(files.map((f) => (f.includes('.evalgate') ? 'cache' : f.includes('snapshots') ? 'snapshots' : f.endsWith('evalgate.json') ? 'evalgate-json' : f.split('/').at(-1)!.split('.').at(-1)!)))
    // junit (xml), blob (json), html (html + its json data), step summary (md), evalgate JSON, snapshots, cache.
    for (const k of ['xml', 'json', 'html', 'md', 'evalgate-json', 'snapshots', 'cache']) expect(kinds, [...kinds].join(',')).toContain(k)
    const leaks: string[] = []
    for (const f of files) {
      // The HTML reporter stores its data gzipped: scan what it decompresses to.
      const bytes = readFileSync(f)
      const text = (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1')
      for (const s of SECRETS) if (text.includes(s)) leaks.push(`${f}: ${s}`)
    }
    for (const s of SECRETS) if ((run.stdout + run.stderr + second.stdout + second.stderr).includes(s)) leaks.push(`terminal output: ${s}`)
    // Vitest's JSON reporter output (read by runVitest from its own temp file): every failure message.
    const jsonReport = [...run.tests.values(), ...second.tests.values()].flatMap((t) => t.messages).join('\n')
    expect(jsonReport.length).toBeGreaterThan(1000)
    for (const s of SECRETS) if (jsonReport.includes(s)) leaks.push(`vitest JSON report: ${s}`)
    expect(leaks).toEqual([])
    // The echoed key was there to leak: the 401 rows saw it redacted.
    expect(failureOf(run, 'judge faults [fail] toPassRubric: echo_key_401')).toContain('[REDACTED]')
  })
})
