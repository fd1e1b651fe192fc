/**
 * The suite gate's data model: what it reads (one {@link SuiteInput} per test module, built by the reporter
 * from Vitest's finished `testModules`) and what it decides ({@link RunEvaluation}). Plain data only, so the
 * same evaluation feeds the terminal report, the GitHub job summary and the JSON report.
 */
import type { BaselineStatus, CaseRecord, FileBaselineMeta, Regression } from '../baseline/types.js'
import type { CallErrorKind } from '../measure/types.js'
import type { EvalgateTaskMeta } from '../meta/index.js'
import type { Verdict } from '../stats/index.js'
import type { GateMethod, ResolvedGateMethod } from './decide.js'
import type { Distribution } from '../stats/percentile.js'
import type { FailureCounts } from '../failures/count.js'
import type { FailureRateLimits, FailureRateResult } from '../failures/gate.js'
import type { PackSummary } from '../probes/summary.js'
import type { CalibrationReport } from '../stats/calibration.js'
import type { LengthBucket } from '../failures/length.js'

/** One test as the reporter saw it. */
export interface TestInput {
  /** Full test name (describe chain and name joined with " > "). */
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  /** Where the test is declared, when Vitest collected locations (`includeTaskLocation`). */
  location?: { line: number; column: number }
  meta: EvalgateTaskMeta
}

/** One test module (a test file in one project): the unit the gate decides on. */
export interface SuiteInput {
  /** Test file relative to the project root, forward slashes. */
  file: string
  /** Absolute path (Vite module id) of the test file. */
  moduleId: string
  /** Vitest project name ('' for the root project). */
  project: string
  /** File-level baseline outcome from the worker, or null (baselines disabled, no data). */
  fileMeta: FileBaselineMeta | null
  tests: TestInput[]
}

/** The gate settings: the plugin's `gate` option, as far as the suite gate uses it. */
export interface GateSettings {
  /** One-sided significance level. */
  alpha: number
  /** Non-inferiority margin in score units. */
  margin: number
  method: GateMethod
  seed: number
  /** Whether a degraded suite or a critical regression fails the run. */
  failOnDegraded: boolean
  /** Mean per-case trial range above which a metric is flagged unstable. Default 0.05 (5 points). */
  instabilityThreshold?: number
  /** How many worst regressed cases a suite lists. Default 5. */
  worstCases?: number
  /** Prices for cost figures of cases that have no baseline record (baselines disabled). */
  pricing?: Record<string, { input: number; output: number }>
  /** Gated (primary) metrics; the others are reported only. Default: all. */
  metrics?: string[]
  /** Where a case's cluster comes from (`case` field, `category`, or `none`). Default `'case'`. */
  clusters?: 'case' | 'category' | 'none'
  /** `gate.failureRates` (issue 13). */
  failureRates?: FailureRateLimits
}

/** A suite's verdict: the statistical verdict, or `no-baseline` when no case could be compared. */
export type SuiteVerdict = Verdict | 'no-baseline'

/** Per metric per category comparison. */
export interface CategoryGate {
  category: string
  n: number
  baselineMean: number
  currentMean: number
  /** currentMean − baselineMean. */
  diff: number
  /** The category's verdict after Holm's adjustment across the metric's categories (`degraded` only when adjusted p ≤ α). */
  verdict: Verdict
  /** Holm-adjusted across the metric's categories. */
  pValueAdjusted: number
}

/** The paired comparison of one score metric over a suite's cases. */
export interface MetricGate {
  metric: string
  /** In the gated family (`gate.metrics`, default all): a report-only metric never fails the suite. */
  gated: boolean
  /** Every score identical in the baseline and now: left out of Holm's family (it cannot reject). */
  constant: boolean
  /** Clusters of the cluster-robust SE (0 = cases treated as independent). */
  clusters: number
  /** Paired cases compared. */
  n: number
  /** Most trials of any compared case. */
  k: number
  baselineMean: number
  currentMean: number
  /** currentMean − baselineMean. */
  meanDiff: number
  /** Two-sided 1 − 2α interval of the mean difference (the two one-sided bounds the verdict uses). */
  ci: [number, number]
  /** Confidence level of `ci` (0.9 at α = 0.05). */
  ciLevel: number
  pValue: number
  /** Holm-adjusted across the suite's metrics. */
  pValueAdjusted: number
  method: ResolvedGateMethod
  /** gateSuite's verdict before the multiplicity correction. */
  rawVerdict: Verdict
  /** Final verdict: `degraded` only when the raw verdict is degraded and the Holm-adjusted p ≤ α. */
  verdict: Verdict
  /** The drop flagged with 80% power: t quantiles at the Holm-adjusted α, margin included, from the observed SE (null when n < 2). */
  mde: number | null
  /**
   * What the gate can see: the smallest drop it can flag (≥ margin, ≥ mde, and for the sign test at least
   * the fewest flips that can be significant, over n). Null when n < 2 or nothing could be flagged.
   */
  detectable: number | null
  /** Trials of the same case disagree by more than the instability threshold on average. */
  unstable: boolean
  meanTrialRange: number
  /** Cases with this metric now but not in their baseline (excluded). */
  newCases: number
  categories: CategoryGate[]
}

/** A success/total count. */
export interface Rate {
  count: number
  of: number
}

/** Operational numbers of a suite, from its tests' measured calls and matcher records. */
export interface OperationalStats {
  /** Model calls (chat, embedding), judge calls excluded. */
  calls: number
  /** Live model calls that succeeded: the ones latency statistics use. */
  liveCalls: number
  /** Model calls answered from the record/replay cache (excluded from latency). */
  cachedCalls: number
  judgeCalls: number
  /** Judge calls answered from the record/replay cache (of `judgeCalls`). */
  judgeCachedCalls: number
  /**
   * HTTP attempts of every call (model and judge): `total` attempts, `retries` = attempts beyond the first
   * (recovered or not), `retriedCalls` = calls that needed more than one attempt.
   */
  attempts: { total: number; retries: number; retriedCalls: number }
  latency: Distribution | null
  ttft: Distribution | null
  /** Token totals of every call; `replayed` = the part (model + judge) that came from the cache: not spent. */
  tokens: { prompt: number; completion: number; total: number; judge: number; replayed: number }
  /** Sum of the cases' cost (USD), or null without prices. */
  costUsd: number | null
  /** Sum of the cost the cases had in their baselines, or null. */
  baselineCostUsd: number | null
  failures: {
    /** Failed `toMatchSchema` checks of all schema checks. */
    format: Rate
    /** `toRefuse` checks that saw a refusal, of all `toRefuse` checks. */
    refusal: Rate
    /** `toPassRubric` verdicts FAIL (judge answered), of all rubric checks. */
    judgeFail: Rate
    /** `toPassRubric` checks where the judge itself failed (no verdict). */
    judgeError: Rate
    /** Model and judge calls that failed in the end, of all calls, by kind. */
    calls: Rate & { byKind: Partial<Record<CallErrorKind, number>> }
  }
  /**
   * Load-mode runs (`toStayUnderLatency` on a function) whose client fell behind (`clientSaturation`):
   * their timings are partly the client's. In test order; absent when there is none.
   */
  clientSaturation?: Array<{ test: string; message: string }>
}

/** The largest score drop of one case. */
export interface CaseDrop {
  metric: string
  baseline: number
  current: number
  /** current − baseline (< 0). */
  delta: number
}

/** One case of a suite, with both records and its outcome. */
export interface CaseResult {
  /** Baseline key (project-qualified full name), or the full test name without baseline data. */
  key: string
  name: string
  state: TestInput['state']
  /** Baseline status from the worker; `none` when baselines are off. */
  status: BaselineStatus | 'none'
  category?: string
  critical: boolean
  location?: { line: number; column: number }
  baseline: CaseRecord | null
  current: CaseRecord
  regressions: Regression[]
  /** Largest score drop against the baseline, null when none dropped. */
  worstDrop: CaseDrop | null
}

/** A critical case whose score dropped (zero tolerance). */
export interface CriticalRegression extends CaseDrop {
  key: string
}

/** The gate's decision about one suite. */
export interface SuiteEvaluation {
  /** `[project] file`, or just the file in the root project. */
  id: string
  file: string
  moduleId: string
  project: string
  baselinePath: string | null
  verdict: SuiteVerdict
  /** The suite fails the gate (degraded or a critical regression), unless its baseline was updated. */
  failed: boolean
  /** Why it fails, one sentence each. */
  reasons: string[]
  /** Baseline entries were updated in this run (`-u`): compared with the previous baseline, not gated. */
  updated: boolean
  counts: {
    cases: number
    passed: number
    failed: number
    skipped: number
    /** Cases with a baseline record. */
    compared: number
    /** Cases without a baseline record (new). */
    new: number
  }
  /** passed / (passed + failed), null when no case finished. */
  passRate: number | null
  statusCounts: Partial<Record<BaselineStatus | 'none', number>>
  metrics: MetricGate[]
  criticalRegressions: CriticalRegression[]
  unstable: boolean
  operational: OperationalStats
  /** Largest drops first (at most `worstCases`). */
  worst: Array<CaseDrop & { key: string }>
  /** What changed since the baseline (prompts, models, judge, retrieval, settings). */
  changes: string[]
  /** Compared cases whose model outputs differ from the baseline's (output hashes). */
  outputsChanged: number
  obsolete: string[]
  obsoleteRemoved: boolean
  cases: CaseResult[]
}

/** The gate's decision about the whole run. */
export interface RunEvaluation {
  settings: Required<Omit<GateSettings, 'pricing' | 'metrics' | 'failureRates'>> & Pick<GateSettings, 'metrics' | 'failureRates'>
  /** Some suite failed the gate (the run fails when `failOnDegraded`). */
  failed: boolean
  /** One line per failure reason, prefixed with the suite id. */
  reasons: string[]
  suites: SuiteEvaluation[]
  /** Failure taxonomy pooled over the run (cases as the unit; issue 13). */
  failures?: FailureCounts
  /** `gate.failureRates` results (issue 13). */
  failureRates?: FailureRateResult[]
  /** Attack success per probe pack (evalProbes; issue 13). */
  probes?: PackSummary[]
  /** ECE and reliability table of `record('confidence', p)` (issue 13). */
  calibration?: CalibrationReport
  /** Pass rate and mean score by prompt-token bucket (issue 13). */
  byPromptTokens?: LengthBucket[]
  totals: {
    suites: number
    cases: number
    passed: number
    failed: number
    compared: number
    new: number
    verdicts: Record<SuiteVerdict, number>
    criticalRegressions: number
    unstableSuites: number
  }
}
