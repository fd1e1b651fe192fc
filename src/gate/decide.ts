/**
 * The suite test of the gate: compares a candidate with the stored baseline case by case (paired) and
 * decides whether quality degraded (`gateSuite`). gate/metrics.ts runs it per metric; the reporter reaches
 * it through gate/run.ts `evaluateRun`.
 */
import { pairedBootstrap, type BootstrapResult } from '../stats/bootstrap.js'
import { trialConsistency } from '../stats/consistency.js'
import { mean, standardDeviation } from '../stats/descriptive.js'
import { holmAdjust } from '../stats/multiplicity.js'
import { pairedTTest, type PairedTTestResult } from '../stats/paired.js'
import { honestMde } from '../stats/power.js'
import { judgeTrials } from '../stats/trials.js'
import { signTest, type SignTestResult } from '../stats/sign.js'
import { assertAlpha, assertMargin } from '../stats/validate.js'
import type { Verdict } from '../stats/verdict.js'
import { GATE_DEFAULTS } from './defaults.js'

/** How the gate tests: 'auto' picks 'sign' for single-trial pass/fail suites, else 't'. */
export type GateMethod = 'auto' | 't' | 'sign' | 'bootstrap'
/** The test actually used. */
export type ResolvedGateMethod = Exclude<GateMethod, 'auto'>

export { GATE_DEFAULTS } from './defaults.js'

/**
 * The method used for one metric: 'sign' cannot take non-binary or repeated scores, so such a metric
 * falls back to 'auto'.
 */
export function usableMethod(method: GateMethod, cases: readonly GateCase[]): GateMethod {
  return method === 'sign' && !cases.every((c) => c.binary && c.candidate?.length === 1 && (c.baseline?.length ?? 1) === 1) ? 'auto' : method
}

/**
 * A metric's verdict after the Holm adjustment across the suite's gated metrics: `degraded` only when
 * gateSuite says so, the metric is gated, AND its adjusted p-value is ≤ α; otherwise `inconclusive`.
 */
export function familyVerdict(verdict: Verdict, pValueAdjusted: number, alpha: number, gated: boolean): Verdict {
  return verdict === 'degraded' && (pValueAdjusted > alpha || !gated) ? 'inconclusive' : verdict
}

/**
 * Whether the gate fails the run (exit code 1): some suite failed (degraded, a critical drop, a gate
 * configuration problem), `failOnDegraded` is on, and the run was not interrupted.
 */
export function gateFailsRun(run: { failed: boolean; settings: { failOnDegraded: boolean } }, interrupted = false): boolean {
  return run.failed && run.settings.failOnDegraded && !interrupted
}

/** One eval case with its trial scores (each in [0, 1]) in the baseline and the candidate run. */
export interface GateCase {
  id: string
  /** Baseline trial scores; missing (undefined, null or empty) excludes the case. */
  baseline?: readonly number[] | null
  /** Candidate trial scores; missing (undefined, null or empty) excludes the case. */
  candidate?: readonly number[] | null
  /** Declares pass/fail scoring: every score must then be exactly 0 or 1. */
  binary?: boolean
  /** A case that must not regress at all: any drop is listed in `criticalRegressions`. */
  critical?: boolean
  /** Group for the per-category breakdown. */
  category?: string
  /** Cases sharing run-level noise share a cluster: the t test's SE is then cluster-robust (C − 1 df). */
  cluster?: string
}

export interface GateOptions {
  /** One-sided significance level, within (0, 0.5). Default 0.05. */
  alpha?: number
  /** Non-inferiority margin in score units. Default 0.02 (2 points). */
  margin?: number
  /** Default 'auto'. */
  method?: GateMethod
  /** Seed for the bootstrap. Default 0. */
  seed?: number | string
  /** Bootstrap resamples. Default 2000. */
  resamples?: number
  /** Power at which the minimum detectable effect is reported. Default 0.8. */
  power?: number
  /** Instability threshold on the mean per-case trial range (see trialConsistency). Default 0.05. */
  instabilityThreshold?: number
  /**
   * Size of the Holm family this test belongs to (gated, non-constant metrics): the MDE is computed at
   * the most conservative Holm level α / familySize. Default 1.
   */
  familySize?: number
}

export interface GateInput {
  cases: readonly GateCase[]
  options?: GateOptions
}

/** Baseline vs candidate over a set of paired cases. */
export interface ComparisonSummary {
  /** Paired cases compared. */
  n: number
  /** Mean over cases of the per-case mean baseline score (0 when n = 0). */
  baselineMean: number
  /** Mean over cases of the per-case mean candidate score (0 when n = 0). */
  candidateMean: number
  /** candidateMean − baselineMean. */
  meanDiff: number
  /**
   * [lower, upper]: the two one-sided 1 − α bounds of the mean difference that the verdict uses;
   * together a two-sided 1 − 2α interval (90% at α = 0.05). Clamped to [−1, 1], the widest a
   * difference of [0, 1] scores can be (so n < 2 gives [−1, 1]).
   */
  ci: [number, number]
  /** One-sided p-value for "the candidate is worse". */
  pValue: number
  verdict: Verdict
  method: ResolvedGateMethod
}

export interface CategorySummary extends ComparisonSummary {
  /** Holm-adjusted p-value across all categories. */
  pValueAdjusted: number
  /** The category's verdict before the Holm adjustment (`verdict` is `degraded` only when the adjusted p ≤ α). */
  rawVerdict: Verdict
}

export interface GateResult extends ComparisonSummary {
  /** Most trials any compared case has on either side (0 when n = 0). */
  k: number
  alpha: number
  margin: number
  /**
   * Minimum detectable effect at the configured power: max(margin, t(1 − α′, df)·SE) + t(power, df)·SE
   * with α′ = α / familySize (Holm's first step), SE and df those of the test (cluster-robust with
   * clusters); null when n < 2.
   */
  mde: number | null
  /** Standard error of the mean difference the MDE uses (cluster-robust with clusters); null when n < 2. */
  se: number | null
  /** Degrees of freedom of that SE (n − 1, or C − 1 with clusters). */
  df: number
  /** Clusters used (0 when the cases are treated as independent). */
  clusters: number
  /** Trials disagree by more than the threshold on average (both runs' trials, see trialConsistency). */
  unstable: boolean
  /** Mean per-case trial range over both runs (0 when no case has repeats). */
  meanTrialRange: number
  /** Per-category summaries, keys in ascending code-unit order; uncategorised cases are not listed. */
  perCategory: Record<string, CategorySummary>
  /** Ids (sorted) of critical compared cases whose mean score dropped at all. */
  criticalRegressions: string[]
  /** Ids (sorted) of critical cases excluded for a missing side. */
  criticalMissing: string[]
  /** Cases left out because a side is missing; ids sorted. A case missing both sides is in both lists. */
  excluded: { count: number; noBaseline: string[]; noCandidate: string[] }
  /** The raw suite-level test result. */
  test: PairedTTestResult | SignTestResult | BootstrapResult
}

interface PairedCase {
  id: string
  baseline: readonly number[]
  candidate: readonly number[]
  baselineMean: number
  candidateMean: number
  critical: boolean
  category: string | undefined
  cluster: string | undefined
}

/** A drop smaller than this is floating-point noise, not a regression of a critical case. */
const DROP_TOLERANCE = 1e-12

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Gates a suite. Per-case scores are averaged over trials, cases missing a side are excluded (and
 * reported), and the paired differences go to the chosen test: 'auto' uses the exact sign test
 * when every compared case has exactly one trial per side and every score is 0 or 1, otherwise the
 * paired t-test. Verdicts are those of decideVerdict (degraded / non-inferior / inconclusive).
 * Output is deterministic: ids and categories are sorted, the bootstrap is seeded.
 * Throws a RangeError on duplicate ids, scores outside [0, 1], non-0/1 scores in a binary case,
 * or method 'sign' on data it cannot take.
 */
export function gateSuite(input: GateInput): GateResult {
  const options = input.options ?? {}
  const D = GATE_DEFAULTS
  const { alpha = D.alpha, margin = D.margin, method = D.method, seed = D.seed, resamples = D.resamples, power = D.power, instabilityThreshold = D.instabilityThreshold, familySize = 1 } = options
  assertAlpha(alpha, 'gateSuite')
  assertMargin(margin, 'gateSuite')
  const { paired, noBaseline, noCandidate, criticalMissing } = pairCases(input.cases)
  const resolved = resolveMethod(method, paired)
  const testOptions = { alpha, margin, seed, resamples }

  const { summary, test } = compare(paired, resolved, testOptions)
  const spread = testSpread(paired, test)
  const consistency = trialConsistency([...paired.map((c) => c.baseline), ...paired.map((c) => c.candidate)], { threshold: instabilityThreshold })

  const excludedIds = new Set([...noBaseline, ...noCandidate])
  return {
    ...summary,
    k: paired.reduce((k, c) => Math.max(k, c.baseline.length, c.candidate.length), 0),
    alpha,
    margin,
    mde: spread ? honestMde({ se: spread.se, df: spread.df, alpha: alpha / Math.max(1, familySize), power, margin }) : null,
    se: spread?.se ?? null,
    df: spread?.df ?? 0,
    clusters: 'clusters' in test && test.clusters !== undefined ? test.clusters : 0,
    unstable: consistency.unstable,
    meanTrialRange: consistency.meanRange,
    perCategory: categorySummaries(paired, resolved, testOptions),
    // The per-case rule: exact comparison for deterministic critical cases, exact trial test for noisy ones.
    criticalRegressions: paired
      .filter((c) => c.critical && c.candidateMean < c.baselineMean - DROP_TOLERANCE && judgeTrials(c.baseline, c.candidate, { critical: true, limit: 0, alpha }).regressed)
      .map((c) => c.id)
      .sort(byCodeUnit),
    criticalMissing,
    excluded: { count: excludedIds.size, noBaseline, noCandidate },
    test,
  }
}

function isMissing(scores: readonly number[] | null | undefined): scores is null | undefined {
  return scores === undefined || scores === null || scores.length === 0
}

function checkScores(c: GateCase, scores: readonly number[], side: string): void {
  for (const s of scores) {
    if (!(Number.isFinite(s) && s >= 0 && s <= 1)) throw new RangeError(`gateSuite: case '${c.id}' has a ${side} score outside [0, 1]: ${s}`)
    if (c.binary === true && s !== 0 && s !== 1) throw new RangeError(`gateSuite: binary case '${c.id}' has a ${side} score that is not 0 or 1: ${s}`)
  }
}

function pairCases(cases: readonly GateCase[]): { paired: PairedCase[]; noBaseline: string[]; noCandidate: string[]; criticalMissing: string[] } {
  const seen = new Set<string>()
  const paired: PairedCase[] = []
  const noBaseline: string[] = []
  const noCandidate: string[] = []
  const criticalMissing: string[] = []
  for (const c of cases) {
    if (seen.has(c.id)) throw new RangeError(`gateSuite: duplicate case id '${c.id}'`)
    seen.add(c.id)
    const { baseline, candidate } = c
    if (isMissing(baseline) || isMissing(candidate)) {
      if (isMissing(baseline)) noBaseline.push(c.id)
      if (isMissing(candidate)) noCandidate.push(c.id)
      if (c.critical === true) criticalMissing.push(c.id)
      continue
    }
    checkScores(c, baseline, 'baseline')
    checkScores(c, candidate, 'candidate')
    paired.push({
      id: c.id,
      baseline,
      candidate,
      baselineMean: mean(baseline),
      candidateMean: mean(candidate),
      critical: c.critical === true,
      category: c.category === undefined || c.category === '' ? undefined : c.category,
      cluster: c.cluster === undefined || c.cluster === '' ? undefined : c.cluster,
    })
  }
  // Sort by id so results never depend on input order (sums, bootstrap draws).
  paired.sort((a, b) => byCodeUnit(a.id, b.id))
  return { paired, noBaseline: noBaseline.sort(byCodeUnit), noCandidate: noCandidate.sort(byCodeUnit), criticalMissing: criticalMissing.sort(byCodeUnit) }
}

function signEligible(paired: readonly PairedCase[]): boolean {
  const binary = (s: readonly number[]): boolean => s.length === 1 && (s[0] === 0 || s[0] === 1)
  return paired.every((c) => binary(c.baseline) && binary(c.candidate))
}

/** The SE and df of the suite test (the t test's own; sd/√n with n − 1 df otherwise), or null when n < 2. */
function testSpread(paired: readonly PairedCase[], test: PairedTTestResult | SignTestResult | BootstrapResult): { se: number; df: number } | null {
  if (paired.length < 2) return null
  if (test.method === 't') return Number.isFinite(test.se) ? { se: test.se, df: test.df } : null
  const d = paired.map((c) => c.candidateMean - c.baselineMean)
  return { se: standardDeviation(d) / Math.sqrt(d.length), df: d.length - 1 }
}

const hasClusters = (paired: readonly PairedCase[]): boolean => paired.some((c) => c.cluster !== undefined)

function resolveMethod(method: GateMethod, paired: readonly PairedCase[]): ResolvedGateMethod {
  // Clustered cases are not independent: the sign test cannot take them, the clustered t test can.
  if (method === 'auto') return paired.length > 0 && signEligible(paired) && !hasClusters(paired) ? 'sign' : 't'
  if (method === 'sign' && !signEligible(paired)) {
    throw new RangeError("gateSuite: method 'sign' needs exactly one 0/1 score per side for every case")
  }
  if (method !== 't' && method !== 'sign' && method !== 'bootstrap') throw new RangeError(`gateSuite: unknown method '${String(method)}'`)
  return method
}

interface TestOptions {
  alpha: number
  margin: number
  seed: number | string
  resamples: number
}

function compare(
  paired: readonly PairedCase[],
  method: ResolvedGateMethod,
  options: TestOptions,
): { summary: ComparisonSummary; test: PairedTTestResult | SignTestResult | BootstrapResult } {
  const baseline = paired.map((c) => c.baselineMean)
  const candidate = paired.map((c) => c.candidateMean)
  const { alpha, margin } = options
  const test =
    method === 'sign'
      ? signTest(baseline.map((v) => v === 1), candidate.map((v) => v === 1), { alpha, margin })
      : method === 'bootstrap'
        ? pairedBootstrap(baseline, candidate, options)
        : pairedTTest(baseline, candidate, { alpha, margin, ...(hasClusters(paired) ? { clusters: paired.map((c) => c.cluster) } : {}) })
  const baselineMean = paired.length === 0 ? 0 : mean(baseline)
  const candidateMean = paired.length === 0 ? 0 : mean(candidate)
  const summary: ComparisonSummary = {
    n: paired.length,
    baselineMean,
    candidateMean,
    meanDiff: test.meanDiff,
    ci: [clamp(test.lower), clamp(test.upper)],
    pValue: test.pValue,
    verdict: test.verdict,
    method,
  }
  return { summary, test }
}

function clamp(x: number): number {
  return Math.min(1, Math.max(-1, x))
}

function categorySummaries(paired: readonly PairedCase[], method: ResolvedGateMethod, options: TestOptions): Record<string, CategorySummary> {
  const groups = new Map<string, PairedCase[]>()
  for (const c of paired) {
    if (c.category === undefined) continue
    const group = groups.get(c.category)
    if (group === undefined) groups.set(c.category, [c])
    else group.push(c)
  }
  const names = [...groups.keys()].sort(byCodeUnit)
  const summaries = names.map((name) => compare(groups.get(name) ?? [], method, options).summary)
  const adjusted = holmAdjust(summaries.map((s) => s.pValue))
  const result: Record<string, CategorySummary> = {}
  names.forEach((name, i) => {
    const summary = summaries[i] as ComparisonSummary
    const pValueAdjusted = adjusted[i] as number
    const verdict = summary.verdict === 'degraded' && pValueAdjusted > options.alpha ? 'inconclusive' : summary.verdict
    result[name] = { ...summary, verdict, rawVerdict: summary.verdict, pValueAdjusted }
  })
  return result
}
