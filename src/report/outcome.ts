/**
 * The one verdict line of a run: it agrees with the exit code and says which of the per-case rule, the
 * suite gate, a critical case (or a plain test failure) failed the run. Pure: the reporter hands in the
 * counts Vitest knows (failed tests, unhandled errors) and the gate's evaluation.
 */
import { gateFailsRun } from '../gate/decide.js'
import type { RunEvaluation } from '../gate/types.js'

export interface RunOutcomeInput {
  /** Tests Vitest reports as failed (with or without evalgate data). */
  failedTests: number
  /** Unhandled errors of the run. */
  unhandledErrors: number
  /** `gate.failOnDegraded`. */
  failOnDegraded: boolean
  /** The run was interrupted (the gate does not set the exit code then). */
  interrupted?: boolean
}

export interface RunOutcome {
  /** The exit code the run ends with (1 as soon as anything failed). */
  exitCode: 0 | 1
  /** Cases failed by the per-case rule (deterministic drop, exact comparison), critical ones excluded. */
  perCase: number
  /** Critical cases that failed: per-case rule on a critical case, or a critical drop found by the suite gate. */
  critical: number
  /** Suites the suite gate judged degraded. */
  suiteGate: number
  /** Other failed tests (their own assertions or errors). */
  otherFailures: number
  unhandledErrors: number
  /** Gate configuration problems that fail the run (e.g. `gate.metrics` naming a metric no suite measured). */
  config: string[]
  /** Suites whose baselines were re-recorded (-u) in this run, with the suite verdict of what was accepted. */
  accepted: Array<{ id: string; verdict: string }>
}

/** Counts what failed the run. */
export function runOutcome(run: RunEvaluation, input: RunOutcomeInput): RunOutcome {
  let perCase = 0
  let critical = 0
  let failedCritical = 0
  for (const s of run.suites) {
    const gateCritical = new Set(s.updated ? [] : s.criticalRegressions.map((r) => r.key))
    for (const c of s.cases) {
      const byRule = c.state === 'failed' && c.status === 'regressed' && c.regressions.length > 0
      if (c.critical && (byRule || gateCritical.has(c.key))) {
        critical++
        if (c.state === 'failed') failedCritical++
        gateCritical.delete(c.key)
      } else if (byRule) perCase++
    }
    critical += gateCritical.size
  }
  const suiteGate = run.suites.filter((s) => !s.updated && s.metrics.some((m) => m.verdict === 'degraded')).length
  const otherFailures = Math.max(0, input.failedTests - perCase - failedCritical)
  const gateFails = gateFailsRun({ failed: run.failed, settings: { failOnDegraded: input.failOnDegraded } }, input.interrupted === true)
  const exitCode = input.failedTests > 0 || input.unhandledErrors > 0 || gateFails ? 1 : 0
  const accepted = run.suites.filter((s) => s.updated).map((s) => ({ id: s.id, verdict: s.verdict }))
  const config = run.reasons.filter((r) => r.startsWith('gate.metrics ') || r.startsWith('gate.failureRates'))
  return { exitCode, perCase, critical, suiteGate, otherFailures, unhandledErrors: input.unhandledErrors, config, accepted }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The verdict line (plain text): `evalgate: run FAILED (exit code 1): …` or `evalgate: run passed (exit code 0): …`. */
export function outcomeLine(o: RunOutcome, failOnDegraded = true): string {
  const causes: string[] = []
  if (o.perCase) causes.push(`per-case rule failed ${plural(o.perCase, 'case')}`)
  if (o.critical) causes.push(`${plural(o.critical, 'critical case')} failed`)
  if (o.suiteGate) causes.push(`suite gate: ${plural(o.suiteGate, 'suite')} degraded${failOnDegraded ? '' : ' (failOnDegraded is false: not failing the run)'}`)
  if (o.otherFailures) causes.push(`${plural(o.otherFailures, 'other test')} failed`)
  if (o.unhandledErrors) causes.push(plural(o.unhandledErrors, 'unhandled error'))
  causes.push(...o.config)
  const accepted = o.accepted.length
    ? ` Baselines re-recorded (-u) for ${o.accepted.map((a) => `${a.id} (suite verdict of the accepted change vs the previous baseline: ${a.verdict})`).join(', ')}.`
    : ''
  if (o.exitCode === 1) return `evalgate: run FAILED (exit code 1): ${causes.join('; ') || 'see the errors above'}.${accepted}`
  const note = causes.length ? ` (${causes.join('; ')})` : ''
  return `evalgate: run passed (exit code 0): per-case rule, suite gate and critical cases passed${note}.${accepted}`
}
