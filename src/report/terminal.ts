/**
 * The terminal report printed after Vitest's own summary: one compact block per suite (cases, metrics with
 * confidence interval and verdict, critical drops, categories, worst cases, what changed, calls, failures)
 * and, when the gate fails, a banner saying why the run exits 1. Colour follows chalk's detection
 * (NO_COLOR, FORCE_COLOR, TTY); `color: false` gives plain text.
 */
import { Chalk, type ChalkInstance } from 'chalk'
import type { MetricGate, RunEvaluation, SuiteEvaluation } from '../gate/types.js'
import { VERDICT_LABEL, interval, percent, percentiles, plural, pValue, ratio, score, signed, tokens, usd } from './format.js'
import { alignColumns } from './table.js'
import { failureModesLines } from './failure-modes.js'

export interface TerminalOptions {
  color?: boolean
  /** How the user accepts new baselines (default `vitest run -u`; see updateCommand). */
  updateCommand?: string
}

const INDENT = '   '
const LABEL_WIDTH = 12

function chalkFor(options: TerminalOptions): ChalkInstance {
  return options.color === false ? new Chalk({ level: 0 }) : new Chalk()
}

function labelled(c: ChalkInstance, label: string, lines: string[]): string[] {
  return lines.map((line, i) => `${INDENT}${c.dim((i === 0 ? label : '').padEnd(LABEL_WIDTH))}${line}`)
}

function verdictText(c: ChalkInstance, v: MetricGate['verdict'] | SuiteEvaluation['verdict']): string {
  const label = VERDICT_LABEL[v]
  return v === 'degraded' ? c.red.bold(label) : v === 'non-inferior' ? c.green(label) : c.yellow(label)
}

function suiteHeader(c: ChalkInstance, s: SuiteEvaluation): string {
  const icon = s.failed ? c.red('✗') : s.verdict === 'non-inferior' ? c.green('✓') : s.verdict === 'no-baseline' ? c.dim('•') : c.yellow('~')
  const extra = s.updated ? c.dim('  (baselines updated with -u: compared with the previous baseline, not gated)') : ''
  const critical = s.criticalRegressions.length ? `  ${c.red.bold(`${plural(s.criticalRegressions.length, 'critical regression')}`)}` : ''
  return ` ${icon} ${c.bold(s.id)}  ${verdictText(c, s.verdict)}${critical}${extra}`
}

function caseLine(c: ChalkInstance, s: SuiteEvaluation): string {
  const { counts } = s
  const parts = [`${plural(counts.cases, 'case')}`]
  const outcome = [c.green(`${counts.passed} passed`), ...(counts.failed ? [c.red(`${counts.failed} failed`)] : [])].join(', ')
  parts.push(`${outcome}${s.passRate === null ? '' : ` (${percent(s.passRate)})`}`)
  if (counts.skipped) parts.push(`${counts.skipped} skipped`)
  const statuses = Object.entries(s.statusCounts)
    .filter(([k]) => k !== 'none')
    .map(([k, n]) => `${n} ${k}`)
  if (statuses.length) parts.push(`baseline: ${statuses.join(', ')}`)
  return INDENT + parts.join(c.dim(' · '))
}

function metricTable(c: ChalkInstance, s: SuiteEvaluation, settings: RunEvaluation['settings']): string[] {
  if (s.metrics.length === 0) {
    const written = s.statusCounts.written ?? 0
    const text = written
      ? `${plural(written, 'baseline entry', 'baseline entries')} written${s.baselinePath ? ` to ${s.baselinePath}` : ''}: commit ${written === 1 ? 'it' : 'them'}; the gate compares from the next run`
      : 'no case has a baseline yet: nothing to compare (run `vitest run` locally to record baselines, then commit them)'
    return [`${INDENT}${c.dim(text)}`]
  }
  const m0 = s.metrics[0] as MetricGate
  const family = s.metrics.filter((m) => m.gated !== false && m.constant !== true).length
  const holm = family > 1
  const head = ['metric', 'n', 'baseline', 'now', 'Δ', `${Math.round(m0.ciLevel * 100)}% CI`, holm ? 'p (Holm)' : 'p', 'MDE', 'test', 'verdict'].map((h) => c.dim(h))
  const rows = s.metrics.map((m) => [
    m.metric,
    `${m.n}`,
    score(m.baselineMean),
    score(m.currentMean),
    signed(m.meanDiff),
    interval(m.ci),
    pValue(m.pValueAdjusted),
    m.detectable === null ? '—' : score(m.detectable),
    m.method,
    verdictText(c, m.verdict) + (m.unstable ? c.yellow(' unstable') : '') + (m.gated === false ? c.dim(' report only') : '') + (m.clusters ? c.dim(` ${m.clusters} clusters`) : ''),
  ])
  const lines = alignColumns([head, ...rows], new Set([1, 2, 3, 4, 6, 7])).map((l) => INDENT + l)
  const k = Math.max(...s.metrics.map((m) => m.k))
  const news = s.counts.new ? ` · ${s.counts.new} new case(s) not compared` : ''
  lines.push(INDENT + c.dim(`one-sided α ${settings.alpha} · margin ${score(settings.margin)} · K ${k} trial(s)${holm ? ` · Holm over ${family} gated metrics` : ''}${s.metrics.some((m) => m.constant) ? ' (constant metrics take no α)' : ''} · MDE = smallest drop the gate can flag${news}`))
  return lines
}

function details(c: ChalkInstance, s: SuiteEvaluation, settings: RunEvaluation['settings'], update = 'vitest run -u'): string[] {
  const out: string[] = []
  for (const m of s.metrics.filter((x) => x.unstable)) {
    const limit = score(settings.instabilityThreshold)
    out.push(`${INDENT}${c.yellow(`⚠ ${m.metric}: trials of the same case differ by ${score(m.meanTrialRange)} on average (> ${limit}): scores are unstable`)}`)
  }
  out.push(...labelled(c, 'critical', s.criticalRegressions.map((r) => c.red(`${r.key}  ${r.metric} ${score(r.baseline)} → ${score(r.current)}`))))
  const categoryLines = categorySummary(c, s)
  out.push(...labelled(c, 'categories', categoryLines))
  const worst = s.worst.map((w) => `${w.key}  ${w.metric} ${score(w.baseline)} → ${score(w.current)} ${c.red(`(${signed(w.delta)})`)}`)
  const dropped = s.cases.filter((x) => x.worstDrop !== null).length
  if (dropped > s.worst.length) worst.push(c.dim(`… ${dropped - s.worst.length} more case(s) dropped (all in the JSON report)`))
  out.push(...labelled(c, 'worst', worst))
  const changed = [...s.changes]
  if (s.outputsChanged) changed.push(`outputs changed in ${s.outputsChanged} of ${s.counts.compared} compared case(s)`)
  if (changed.length) out.push(...labelled(c, 'changed', [changed.join(c.dim(' · '))]))
  out.push(...operational(c, s))
  if (s.obsolete.length) {
    const one = s.obsolete.length === 1
    const what = s.obsoleteRemoved ? `${one ? 'was' : 'were'} removed` : `${one ? 'has' : 'have'} no test any more (remove with \`${update}\`)`
    out.push(...labelled(c, 'obsolete', [c.yellow(`${plural(s.obsolete.length, 'baseline entry', 'baseline entries')} ${what}: ${s.obsolete.slice(0, 3).join(', ')}${s.obsolete.length > 3 ? ', …' : ''}`)]))
  }
  return out
}

/**
 * Categories, compactly: per metric only the categories whose score dropped (or were judged degraded);
 * one line naming the categories when none did. The JSON report and job summary have the full table.
 */
function categorySummary(c: ChalkInstance, s: SuiteEvaluation): string[] {
  const names = [...new Set(s.metrics.flatMap((m) => m.categories.map((g) => g.category)))].sort()
  if (names.length === 0) return []
  const lines = s.metrics.flatMap((m) => {
    const dropped = m.categories.filter((g) => g.verdict === 'degraded' || g.diff < -1e-9)
    if (dropped.length === 0) return []
    const parts = dropped.map((g) => `${g.category} ${score(g.baselineMean)}→${score(g.currentMean)} ${c.red(signed(g.diff))} n=${g.n}${g.verdict === 'degraded' ? ` ${verdictText(c, g.verdict)}` : ''}`)
    return [`${c.bold(m.metric)}  ${parts.join(c.dim(' · '))}`]
  })
  const list = names.length > 6 ? `${names.slice(0, 6).join(', ')}, …` : names.join(', ')
  return lines.length ? lines : [c.dim(`${names.length} (${list}): no category dropped`)]
}

/** `model 3 live + 115 cached (2 failed) · judge 12 cached`: which calls were cached, said per kind. */
function callCounts(o: SuiteEvaluation['operational']): string {
  const kind = (label: string, all: number, cached: number, failed: number) => {
    const live = all - cached
    const parts = [live || !cached ? `${live} live` : '', cached ? `${cached} cached` : ''].filter(Boolean).join(' + ')
    return `${label} ${parts}${failed ? ` (${failed} failed)` : ''}`
  }
  const failedModel = o.calls - o.cachedCalls - o.liveCalls
  const out = [kind('model', o.calls, o.cachedCalls, failedModel)]
  if (o.judgeCalls) out.push(kind('judge', o.judgeCalls, o.judgeCachedCalls, 0))
  return out.join(' · ')
}

/** How much of the token totals came from the cache (replayed, not spent). */
function replayedTokens(o: SuiteEvaluation['operational']): string {
  const all = o.tokens.total + o.tokens.judge
  if (!o.tokens.replayed) return ''
  return o.tokens.replayed >= all ? ' replayed from the cache, not spent' : `, ${tokens(o.tokens.replayed)} of them replayed from the cache`
}

function operational(c: ChalkInstance, s: SuiteEvaluation): string[] {
  const o = s.operational
  const out: string[] = []
  if (o.calls || o.judgeCalls) {
    const parts = [callCounts(o)]
    if (o.attempts.retries) parts.push(c.yellow(`${plural(o.attempts.retries, 'retry', 'retries')} (${o.attempts.retriedCalls} call(s) needed more than one attempt)`))
    if (o.latency) parts.push(`latency ${percentiles(o.latency)}`)
    if (o.ttft) parts.push(`ttft ${percentiles(o.ttft)}`)
    out.push(...labelled(c, 'calls', [parts.join(c.dim(' · '))]))
  }
  const usage: string[] = []
  if (o.tokens.total || o.tokens.judge) usage.push(`tokens ${tokens(o.tokens.total)}${o.tokens.judge ? ` (+${tokens(o.tokens.judge)} judge)` : ''}${replayedTokens(o)}`)
  if (o.costUsd !== null) usage.push(`cost ${usd(o.costUsd)}${o.baselineCostUsd !== null ? c.dim(` (baseline ${usd(o.baselineCostUsd)})`) : ''}`)
  if (usage.length) out.push(...labelled(c, 'usage', [usage.join(c.dim(' · '))]))
  const f = o.failures
  const kinds: string[] = []
  if (f.format.of) kinds.push(`format ${ratio(f.format)}`)
  if (f.refusal.of) kinds.push(`refusal ${ratio(f.refusal)}`)
  if (f.judgeFail.of) kinds.push(`judge FAIL ${ratio(f.judgeFail)}`)
  if (f.judgeError.count) kinds.push(`judge error ${ratio(f.judgeError)}`)
  if (f.calls.of) {
    const byKind = Object.entries(f.calls.byKind).map(([k, n]) => `${k} ${n}`)
    kinds.push(`call errors ${ratio(f.calls)}${byKind.length ? ` (${byKind.join(', ')})` : ''}`)
  }
  const bad = f.format.count + f.refusal.count + f.judgeFail.count + f.judgeError.count + f.calls.count > 0
  if (kinds.length) out.push(...labelled(c, 'failures', [bad ? c.yellow(kinds.join(' · ')) : c.dim(kinds.join(' · '))]))
  // A saturated load run passes quietly in Vitest's output: the suite report says its timings are the client's.
  out.push(...labelled(c, 'load', (o.clientSaturation ?? []).map((x) => c.yellow(`⚠ ${x.test}: ${x.message}`))))
  return out
}

/** The per-suite blocks and the run header (no trailing newline); '' when no suite recorded data. */
export function formatReport(run: RunEvaluation, options: TerminalOptions = {}): string {
  const c = chalkFor(options)
  if (run.suites.length === 0) return ''
  const t = run.totals
  const gate = run.failed ? c.red.bold('suite gate FAILED') : c.green('suite gate passed')
  const head = `${c.bold.cyan(' evalgate ')} ${plural(t.suites, 'suite')} · ${plural(t.cases, 'case')} (${t.compared} compared, ${t.new} new) · ${gate}`
  const blocks = run.suites.map((s) => [suiteHeader(c, s), caseLine(c, s), ...metricTable(c, s, run.settings), ...details(c, s, run.settings, options.updateCommand)].join('\n'))
  const failures = failureModesLines(run).map((l) => `${INDENT}${l}`)
  return [head, ...blocks, ...(failures.length ? [failures.join('\n')] : [])].join('\n\n')
}

/**
 * The closing banner: why the run fails even if Vitest's summary shows every test passed, or (with
 * `failOnDegraded: false`) that it found degradation but leaves the exit code alone. '' when the gate passed.
 */
export function formatBanner(run: RunEvaluation, options: TerminalOptions = {}): string {
  if (!run.failed) return ''
  const c = chalkFor(options)
  const title = run.settings.failOnDegraded
    ? c.bgRed.white.bold(' evalgate: gate FAILED ') + c.red.bold(' the run exits with code 1, even if Vitest reports every test as passed:')
    : c.bgYellow.black.bold(' evalgate: quality degraded ') + c.yellow(' gate.failOnDegraded is false: the exit code is left alone.')
  const reasons = run.reasons.map((r) => `   ${c.red('✗')} ${r}`)
  const hint = c.dim(`   If the change is intended, accept it with \`${options.updateCommand ?? 'vitest run -u'}\` (re-records the cases, with \`baselines.trials\` trials each) and commit the updated baseline files.`)
  return [title, ...reasons, hint].join('\n')
}
