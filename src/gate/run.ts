/** The gate's decision about a whole run: every suite, totals, and whether the run fails. */
import type { Pricing } from '../baseline/options.js'
import type { ResolvedGateOptions } from './options.js'
import { hasData } from './cases.js'
import { GATE_DEFAULTS } from './decide.js'
import { evaluateSuite } from './suite.js'
import type { GateSettings, RunEvaluation, SuiteInput, SuiteVerdict } from './types.js'
import { countFailures } from '../failures/count.js'
import { failureRateGate } from '../failures/gate.js'
import { probeSummaries } from '../probes/report.js'
import { runCalibration } from '../failures/confidence.js'
import { scoresByLength } from '../failures/length.js'

/** The gate settings from the resolved plugin options. */
export function gateSettings(options: { gate: ResolvedGateOptions; pricing: Pricing }): GateSettings {
  const { alpha, margin, method, seed, failOnDegraded, metrics, clusters, failureRates } = options.gate
  return { alpha, margin, method, seed, failOnDegraded, pricing: options.pricing, ...(metrics ? { metrics } : {}), ...(clusters ? { clusters } : {}), ...(failureRates ? { failureRates } : {}) }
}

const bySuite = (a: SuiteInput, b: SuiteInput): number => {
  const x = `${a.project}\u0000${a.file}`
  const y = `${b.project}\u0000${b.file}`
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Evaluates every suite that recorded evalgate data, in a stable order (project, then file), so a run
 * split into shards and merged gives the same result as the whole run. The run fails when a suite fails
 * (degraded, or a critical case dropped); whether that sets the exit code is `failOnDegraded`'s call.
 */
export function evaluateRun(suites: readonly SuiteInput[], settings: GateSettings): RunEvaluation {
  const evaluated = [...suites]
    .filter((s) => s.tests.some(hasData))
    .sort(bySuite)
    .map((s) => evaluateSuite(s, settings))
  const verdicts: Record<SuiteVerdict, number> = { degraded: 0, 'non-inferior': 0, inconclusive: 0, 'no-baseline': 0 }
  for (const s of evaluated) verdicts[s.verdict]++
  const sum = (f: (s: (typeof evaluated)[number]) => number) => evaluated.reduce((n, s) => n + f(s), 0)
  const failing = evaluated.filter((s) => s.failed)
  // A gated metric no suite measured is a misconfiguration (a typo would otherwise gate nothing): it fails.
  const measured = new Set(evaluated.flatMap((s) => s.metrics.map((m) => m.metric)))
  const unknown = evaluated.length ? (settings.metrics ?? []).filter((m) => !measured.has(m)) : []
  const configReasons = unknown.map((m) => `gate.metrics names "${m}", which no suite of this run measured (measured: ${[...measured].sort().join(', ') || 'none'})`)
  // Failure taxonomy and gate.failureRates (issue 13): pooled over the run, the case as the unit.
  const failures = countFailures(suites.flatMap((s) => s.tests.filter(hasData)))
  const rates = failureRateGate(failures, settings.failureRates, settings.alpha)
  if (evaluated.length) configReasons.push(...rates.reasons)
  const probes = probeSummaries(suites.flatMap((s) => s.tests))
  const withData = suites.flatMap((s) => s.tests.filter(hasData))
  const calibrationReport = runCalibration(withData)
  const byLength = scoresByLength(withData)
  return {
    settings: {
      alpha: settings.alpha,
      margin: settings.margin,
      method: settings.method,
      seed: settings.seed,
      failOnDegraded: settings.failOnDegraded,
      instabilityThreshold: settings.instabilityThreshold ?? GATE_DEFAULTS.instabilityThreshold,
      worstCases: settings.worstCases ?? GATE_DEFAULTS.worstCases,
      clusters: settings.clusters ?? GATE_DEFAULTS.clusters,
      ...(settings.metrics ? { metrics: settings.metrics } : {}),
      ...(settings.failureRates ? { failureRates: settings.failureRates } : {}),
    },
    failed: failing.length > 0 || configReasons.length > 0,
    reasons: [...configReasons, ...failing.flatMap((s) => s.reasons.map((r) => `${s.id}: ${r}`))],
    suites: evaluated,
    ...(evaluated.length ? { failures, ...(settings.failureRates ? { failureRates: rates.results } : {}), ...(probes.length ? { probes } : {}), ...(calibrationReport ? { calibration: calibrationReport } : {}), byPromptTokens: byLength } : {}),
    totals: {
      suites: evaluated.length,
      cases: sum((s) => s.counts.cases),
      passed: sum((s) => s.counts.passed),
      failed: sum((s) => s.counts.failed),
      compared: sum((s) => s.counts.compared),
      new: sum((s) => s.counts.new),
      verdicts,
      criticalRegressions: sum((s) => s.criticalRegressions.length),
      unstableSuites: evaluated.filter((s) => s.unstable).length,
    },
  }
}
