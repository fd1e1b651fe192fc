/**
 * The JSON report (`reporter.json: 'path.json'`): every suite with its gate decision, aggregates and every
 * case with both records. A documented, versioned shape: `version` changes only when a field changes
 * meaning or disappears (new fields may be added within a version). Written with sorted keys, so two
 * reports of the same results (also a sharded run merged with `--merge-reports`) are byte-identical.
 */
import { isAbsolute, resolve } from 'node:path'
import { gateFailsRun } from '../gate/decide.js'
import type { RunEvaluation, SuiteEvaluation } from '../gate/types.js'
import { writeFileAtomic } from '../util/fs.js'
import { stablePretty } from '../util/stable.js'

/** One suite in the JSON report: the suite evaluation without machine-specific paths. */
export type JsonSuiteReport = Omit<SuiteEvaluation, 'moduleId'>

/**
 * The JSON report, version 1.
 *
 * - `failed` / `reasons`: the gate's decision about the run (`reasons` = one line per failure, prefixed
 *   with the suite id); `exitCodeSet` says whether evalgate made the run exit 1 (`gate.failOnDegraded`).
 * - `settings`: alpha, margin, method, seed, failOnDegraded, instabilityThreshold, worstCases, clusters, metrics (when set).
 * - `totals`: suites, cases, passed, failed, compared (with a baseline), new, verdicts (count per suite
 *   verdict), criticalRegressions, unstableSuites.
 * - `suites[]`: id, file, project, baselinePath, verdict (`degraded` | `non-inferior` | `inconclusive` |
 *   `no-baseline`), failed, reasons, updated, counts, passRate, statusCounts, metrics[] (metric, gated, constant, clusters, n, k,
 *   baselineMean, currentMean, meanDiff, ci, ciLevel, pValue, pValueAdjusted, method, rawVerdict,
 *   verdict, mde, unstable, meanTrialRange, newCases, categories[]), criticalRegressions[], unstable,
 *   operational (calls, liveCalls, cachedCalls, judgeCalls, judgeCachedCalls, attempts {total, retries,
 *   retriedCalls} of model and judge calls, latency/ttft distributions in ms, tokens (+ replayed: from the cache),
 *   costUsd, baselineCostUsd, failures by kind as {count, of}, clientSaturation [{test, message}] when a load run's
 *   client was saturated), worst[], changes[], outputsChanged,
 *   obsolete[], obsoleteRemoved, and cases[] (key, name, state, status, category, critical, location,
 *   baseline and current CaseRecord, regressions, worstDrop).
 *
 * Scores are in [0, 1]; differences are current − baseline; a regression of kind `missing` has
 * `current` and `delta` null.
 */
export interface JsonReport {
  version: 1
  tool: 'evalgate'
  failed: boolean
  exitCodeSet: boolean
  reasons: string[]
  settings: RunEvaluation['settings']
  totals: RunEvaluation['totals']
  suites: JsonSuiteReport[]
  /** Issue 13 (additive): failure taxonomy, gate.failureRates, probe packs, calibration, scores by prompt tokens. */
  failures?: RunEvaluation['failures']
  failureRates?: RunEvaluation['failureRates']
  probes?: RunEvaluation['probes']
  calibration?: RunEvaluation['calibration']
  byPromptTokens?: RunEvaluation['byPromptTokens']
}

/** Builds the JSON report of an evaluated run. */
export function buildJsonReport(run: RunEvaluation): JsonReport {
  return {
    version: 1,
    tool: 'evalgate',
    failed: run.failed,
    exitCodeSet: gateFailsRun(run),
    reasons: run.reasons,
    settings: run.settings,
    totals: run.totals,
    suites: run.suites.map(({ moduleId: _moduleId, ...rest }) => rest),
    ...(run.failures ? { failures: run.failures } : {}),
    ...(run.failureRates ? { failureRates: run.failureRates } : {}),
    ...(run.probes ? { probes: run.probes } : {}),
    ...(run.calibration ? { calibration: run.calibration } : {}),
    ...(run.byPromptTokens ? { byPromptTokens: run.byPromptTokens } : {}),
  }
}

/** Writes the report atomically (pretty, sorted keys) to `path`, relative to `root` unless absolute. Returns the absolute path. */
export async function writeJsonReport(run: RunEvaluation, path: string, root: string): Promise<string> {
  const target = isAbsolute(path) ? path : resolve(root, path)
  await writeFileAtomic(target, stablePretty(buildJsonReport(run)))
  return target
}
