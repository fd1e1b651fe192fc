import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateRun } from '../../../src/gate/index.js'
import { annotationText } from '../../../src/report/annotation.js'
import { annotationPath, errorCommand, workflowCommands } from '../../../src/report/github.js'
import { buildJsonReport, writeJsonReport } from '../../../src/report/json.js'
import { cell, formatJobSummary } from '../../../src/report/markdown.js'
import { formatBanner, formatReport } from '../../../src/report/terminal.js'
import { SETTINGS, binarySuite, call, fileMeta, fingerprint, record, suite } from '../gate/helpers.js'

function degradedRun(failOnDegraded = true) {
  const tests = binarySuite('accuracy', 40, 12, { category: (i) => (i % 2 ? 'billing' : 'account'), critical: (i) => i === 3 })
  tests[0]!.meta.calls = [call({ totalMs: 120, ttftMs: 40, stream: true }), call({ totalMs: 300 }), call({ cached: true })]
  tests[0]!.location = { line: 12, column: 3 }
  tests[0]!.meta.baseline!.regressions = [{ metric: 'accuracy', baseline: 1, current: 0, delta: -1, kind: 'score', limit: 0 }]
  const meta = fileMeta({ baselineFingerprint: fingerprint({ models: ['gpt-a'] }), fingerprint: fingerprint({ models: ['gpt-b'] }), obsolete: ['old one'] })
  const bad = suite(tests, { fileMeta: meta, moduleId: '/repo/evals/a.eval.ts' })
  const good = suite(binarySuite('accuracy', 8, 0), { file: 'evals/b.eval.ts', moduleId: '/repo/evals/b.eval.ts', fileMeta: fileMeta({ file: 'evals/b.eval.ts' }) })
  return evaluateRun([bad, good], { ...SETTINGS, failOnDegraded })
}

describe('terminal report', () => {
  const text = formatReport(degradedRun(), { color: false })

  it('has one header line and a block per suite with metrics, CI, verdicts and MDE', () => {
    expect(text.match(/^ evalgate /gm)).toHaveLength(1)
    expect(text).toContain(' evalgate  2 suites · 48 cases (48 compared, 0 new) · suite gate FAILED')
    expect(text).toContain(' ✗ evals/a.eval.ts  DEGRADED  1 critical regression')
    expect(text).toMatch(/accuracy +40 +1\.00 +0\.70 +−0\.30 +\[−0\.43, −0\.18\] +<0\.001 +0\.19 +sign +DEGRADED/)
    expect(text).toContain('one-sided α 0.05 · margin 0.02 · K 1 trial(s) (constant metrics take no α) · MDE = smallest drop the gate can flag')
    expect(text).toContain(' ~ evals/b.eval.ts  inconclusive')
  })

  it('lists critical drops, dropped categories, worst cases, what changed, calls, failures and obsolete entries', () => {
    expect(text).toContain('critical    case 003  accuracy 1.00 → 0.00')
    expect(text).toContain('categories  accuracy  account 1.00→0.70 −0.30 n=20 DEGRADED · billing 1.00→0.70 −0.30 n=20 DEGRADED')
    expect(text).toContain('worst       case 000  accuracy 1.00 → 0.00 (−1.00)')
    expect(text).toContain('… 7 more case(s) dropped')
    expect(text).toContain('changed     model gpt-a → gpt-b')
    expect(text).toContain('calls       model 2 live + 1 cached · latency p50 120 · p95 300 · p99 300 ms · ttft p50 40 · p95 40 · p99 40 ms')
    expect(text).toContain('failures    call errors 0/3')
    expect(text).toContain('obsolete    1 baseline entry has no test any more')
  })

  it('says which calls were cached per kind, shows retries of a one-suite run, and labels replayed tokens', () => {
    const cachedRun = () => {
      const tests = binarySuite('accuracy', 4, 0)
      tests[0]!.meta.calls = [call({ cached: true }), call({ cached: true }), call({ kind: 'judge', cached: true, promptTokens: 100, completionTokens: 20 })]
      return evaluateRun([suite(tests)], SETTINGS)
    }
    const cached = formatReport(cachedRun(), { color: false })
    expect(cached).toContain('calls       model 2 cached · judge 1 cached')
    expect(cached).toContain('usage       tokens 30 (+120 judge) replayed from the cache, not spent')

    const tests = binarySuite('accuracy', 4, 0)
    tests[0]!.meta.calls = [
      call({ attempts: 3, failures: [{ kind: 'server', status: 502, message: '502' }, { kind: 'server', status: 502, message: '502' }] }),
      call({ attempts: 2 }),
      call({ cached: true }),
      call({ kind: 'judge', promptTokens: 100, completionTokens: 20 }),
    ]
    const run = evaluateRun([suite(tests)], SETTINGS)
    const text = formatReport(run, { color: false })
    expect(text).toContain('calls       model 2 live + 1 cached · judge 1 live · 3 retries (2 call(s) needed more than one attempt)')
    expect(text).toContain('usage       tokens 45 (+120 judge), 15 of them replayed from the cache')
    expect(buildJsonReport(run).suites[0]!.operational.attempts).toEqual({ total: 7, retries: 3, retriedCalls: 2 })
  })

  it('names the load runs whose client was saturated, in the terminal report and the job summary', () => {
    const tests = binarySuite('accuracy', 4, 0)
    const message = 'clientSaturation: the event loop of the process driving the load was late by up to 80 ms (p99)'
    tests[1]!.meta.matchers.push({ matcher: 'toStayUnderLatency', pass: true, details: { mode: 'load', clientSaturation: { loopDelayP99Ms: 80, thresholdMs: 15, referenceMs: 300, message } } })
    const run = evaluateRun([suite(tests)], SETTINGS)
    const name = tests[1]!.name
    expect(formatReport(run, { color: false })).toContain(`load        ⚠ ${name}: ${message}`)
    expect(formatJobSummary(run)).toContain(`**Load runs limited by the client:**\n\n- ⚠️ ${cell(name)}: ${cell(message)}`)
    expect(buildJsonReport(run).suites[0]!.operational.clientSaturation).toEqual([{ test: name, message }])
    const quiet = formatReport(evaluateRun([suite(binarySuite('accuracy', 4, 0))], SETTINGS), { color: false })
    expect(quiet).not.toContain('load  ')
  })

  it('is plain without colour and coloured on demand', () => {
    expect(text).not.toMatch(/\u001b\[/)
    // chalk's own detection decides without `color: false`; FORCE_COLOR would colour it.
    expect(formatReport(degradedRun(), { color: false })).toBe(text)
  })

  it('prints nothing without suites', () => {
    expect(formatReport(evaluateRun([], SETTINGS))).toBe('')
    expect(formatBanner(evaluateRun([], SETTINGS))).toBe('')
  })

  it('the banner says why the run exits 1, or that failOnDegraded is off', () => {
    const banner = formatBanner(degradedRun(), { color: false })
    expect(banner).toContain('evalgate: gate FAILED')
    expect(banner).toContain('exits with code 1, even if Vitest reports every test as passed')
    expect(banner).toContain('✗ evals/a.eval.ts: accuracy degraded: 1.00 → 0.70')
    expect(banner).toContain('✗ evals/a.eval.ts: critical case case 003 dropped')
    expect(formatBanner(degradedRun(false), { color: false })).toContain('gate.failOnDegraded is false: the exit code is left alone')
  })
})

describe('GitHub output', () => {
  it('job summary: title, reasons, overview and per-suite tables', () => {
    const md = formatJobSummary(degradedRun())
    expect(md.startsWith('## ❌ evalgate: gate failed\n')).toBe(true)
    expect(md).toContain('| ❌ evals/a.eval.ts | **DEGRADED** | 40 | 100% | 40 | 0 | **1** |')
    expect(md).toContain('| accuracy | 40 | 1 | 1.00 | 0.70 | −0.30 | [−0.43, −0.18] | <0.001 | 0.19 | sign | **DEGRADED** |')
    expect(md).toContain('| accuracy | billing | 20 | 1.00 | 0.70 | −0.30 | **DEGRADED** |')
    expect(md).toContain('| case 003 (critical) | accuracy | 1.00 | 0.00 | −1.00 |')
    expect(md).toContain('**What changed:** model gpt-a → gpt-b')
    expect(md.endsWith('\n')).toBe(true)
  })

  it('escapes table cells', () => {
    expect(cell('a|b <c>\nd')).toBe('a\\|b &lt;c&gt; d')
  })

  it('annotates the degraded suite on its file and regressed cases at their line when known', () => {
    const commands = workflowCommands(degradedRun(), '/repo')
    expect(commands[0]).toMatch(/^::error file=evals\/a\.eval\.ts,title=evalgate%3A evals\/a\.eval\.ts degraded \(accuracy\)::accuracy degraded: 1\.00 → 0\.70/)
    expect(commands).toContain('::error file=evals/a.eval.ts,line=12,col=3,title=evalgate%3A score regression::case 000%0Aaccuracy: 1.00 → 0.00 (Δ −1.00, exact rule, tolerance 0)')
    expect(commands).toContain('::error file=evals/a.eval.ts,title=evalgate%3A critical case regressed::case 003%0Aaccuracy: 1.00 → 0.00')
    expect(commands).toHaveLength(1 + 12)
  })

  it('escapes workflow command data and properties; paths relative to the workspace', () => {
    expect(errorCommand({ file: 'a,b:c.ts', title: 't' }, '50%\r\nx')).toBe('::error file=a%2Cb%3Ac.ts,title=t::50%25%0D%0Ax')
    expect(annotationPath('/repo/x/y.ts', '/repo')).toBe('x/y.ts')
    expect(annotationPath('/elsewhere/y.ts', '/repo')).toBe('/elsewhere/y.ts')
    expect(annotationPath('/repo/y.ts', undefined)).toBe('/repo/y.ts')
  })
})

describe('JSON report', () => {
  it('is versioned, drops machine paths, and is written atomically with sorted keys', async () => {
    const run = degradedRun()
    const report = buildJsonReport(run)
    expect(report).toMatchObject({ version: 1, tool: 'evalgate', failed: true, exitCodeSet: true })
    expect(report.suites[0]).not.toHaveProperty('moduleId')
    expect(report.suites[0]?.cases).toHaveLength(40)
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-json-'))
    try {
      const path = await writeJsonReport(run, 'out/report.json', dir)
      expect(path).toBe(join(dir, 'out/report.json'))
      const text = readFileSync(path, 'utf8')
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)))
      expect(text.indexOf('"exitCodeSet"')).toBeLessThan(text.indexOf('"failed"'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('annotation text', () => {
  it('scores with their baseline, operational numbers and the baseline status', () => {
    const baseline = record({ accuracy: 1, toMatchSchema: 1 }, { category: 'billing' })
    const current = record({ accuracy: 0, toMatchSchema: 1 }, { category: 'billing', critical: true, latencyMs: 172.4, tokens: 46, costUsd: 0.0000074 })
    expect(annotationText(current, baseline, 'regressed')).toBe(
      'pass 1.00 (baseline 1.00) · accuracy 0.00 (baseline 1.00, −1.00) · toMatchSchema 1.00 (baseline 1.00) · latency 172 ms · 46 tokens · $0.0000074 · category billing, critical · baseline regressed',
    )
    expect(annotationText(record({ a: 0.5 }), null)).toBe('pass 1.00 · a 0.50')
    expect(annotationText(record({}), record({ gone: 1 }), 'regressed')).toContain('gone not measured (baseline 1.00)')
  })
})
