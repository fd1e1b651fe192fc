import { toNormalized, type RubricInput, type JudgeVerdict, type Verdict, label, judgeFault, type JudgeFault, type JudgeParseResult, type NormalizedCriterion } from './types.js'

/** One criterion's line in a {@link RubricScore}. */
export interface CriterionResult {
  id: string
  text: string
  weight: number
  critical: boolean
  verdict: Verdict
  reason: string
}

/** A scored rubric. */
export interface RubricScore {
  /** Weighted share of PASS, 0..1. */
  score: number
  threshold: number
  /** score ≥ threshold and no critical criterion failed. */
  passed: boolean
  /** Ids of critical criteria with verdict FAIL. */
  criticalFailures: string[]
  perCriterion: CriterionResult[]
}

/** Options of {@link scoreVerdicts}. */
export interface ScoreOptions {
  /** Minimum weighted share of PASS, 0..1. Default 1 (every criterion must pass). */
  threshold?: number
}

/** Float slack for `score ≥ threshold` (so 0.1 + 0.2 weights meet a 0.3 threshold). */
const EPSILON = 1e-9

/**
 * Scores verdicts against the rubric: score = Σ weight of PASS / Σ weight; passed = score ≥ threshold
 * (within 1e-9) and no critical FAIL. Throws when a criterion has no verdict, a verdict names an
 * unknown id or repeats one, or the threshold is outside 0..1 — a missing verdict is never a pass.
 */
export function scoreVerdicts(criteria: RubricInput, verdicts: readonly JudgeVerdict[], options: ScoreOptions = {}): RubricScore {
  const threshold = options.threshold ?? 1
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`rubric: threshold must be within 0..1, got ${String(threshold)}`)
  }
  const rubric = toNormalized(criteria)
  const byId = new Map<string, JudgeVerdict>()
  for (const v of verdicts) {
    if (!rubric.some((c) => c.id === v.id)) throw new RangeError(`rubric: verdict for unknown criterion "${v.id}"`)
    if (byId.has(v.id)) throw new RangeError(`rubric: more than one verdict for criterion ${v.id}`)
    if (v.verdict !== 'PASS' && v.verdict !== 'FAIL') throw new RangeError(`rubric: verdict for ${v.id} is not PASS or FAIL`)
    byId.set(v.id, v)
  }
  let total = 0
  let passedWeight = 0
  const perCriterion = rubric.map((c): CriterionResult => {
    const v = byId.get(c.id)
    if (v === undefined) throw new RangeError(`rubric: no verdict for criterion ${c.id} ("${c.text}")`)
    total += c.weight
    if (v.verdict === 'PASS') passedWeight += c.weight
    return { id: c.id, text: c.text, weight: c.weight, critical: c.critical, verdict: v.verdict, reason: v.reason }
  })
  const score = passedWeight / total
  const criticalFailures = perCriterion.filter((c) => c.critical && c.verdict === 'FAIL').map((c) => c.id)
  return { score, threshold, passed: score + EPSILON >= threshold && criticalFailures.length === 0, criticalFailures, perCriterion }
}

/** How the runs voted on one criterion. */
export interface CriterionVote {
  id: string
  /** Majority verdict; FAIL on a tie. */
  verdict: Verdict
  pass: number
  fail: number
  /** True when PASS and FAIL got as many votes (the verdict is then FAIL). */
  tie: boolean
  /** Share of runs that agree with `verdict`, 0..1. */
  agreement: number
  /** A reason from a run that gave `verdict` (prefixed with the tie count on a tie). */
  reason: string
}

/** A judge run's fault, with its 0-based run index. */
export interface RunFault {
  run: number
  fault: JudgeFault
}

/** Result of {@link aggregateVotes}. */
export type VoteAggregate =
  | {
      ok: true
      /** Majority verdicts in rubric order: feed them to `scoreVerdicts`. */
      verdicts: JudgeVerdict[]
      perCriterion: CriterionVote[]
      /** Ids decided by a tie (counted as FAIL). */
      ties: string[]
      /** Mean of the per-criterion agreement. */
      meanAgreement: number
      runs: number
    }
  | {
      ok: false
      /** The first run's fault, its message prefixed with `judge run i of n:`. */
      fault: JudgeFault
      /** 0-based index of the first faulty run. */
      faultRun: number
      /** Every faulty run (none is dropped silently). */
      faults: RunFault[]
      runs: number
    }

/**
 * Majority vote per criterion over n judge runs (n ≥ 1). Strict: if ANY run is a fault (or an ok run
 * lacks, repeats or invents a criterion), the whole aggregate is a fault naming the run — faulty runs
 * are never dropped, since dropping them would let a flaky judge pass. Ties go to FAIL and are listed
 * in `ties`. Agreement = share of runs agreeing with the chosen verdict.
 */
export function aggregateVotes(criteria: RubricInput, runs: readonly JudgeParseResult[]): VoteAggregate {
  if (runs.length === 0) throw new RangeError('aggregateVotes: no judge runs')
  const rubric = toNormalized(criteria)
  const n = runs.length
  const faults: RunFault[] = []
  const tables: Map<string, JudgeVerdict>[] = []
  runs.forEach((run, index) => {
    const checked = run.ok ? checkRun(rubric, run.verdicts) : run
    if (checked.ok) tables.push(new Map(checked.verdicts.map((v) => [v.id, v])))
    else faults.push({ run: index, fault: checked.fault })
  })
  const first = faults[0]
  if (first !== undefined) {
    const fault = { ...first.fault, message: `judge run ${first.run + 1} of ${n}: ${first.fault.message}` }
    return { ok: false, fault, faultRun: first.run, faults, runs: n }
  }
  const perCriterion = rubric.map((c) => tally(c, tables.map((t) => t.get(c.id) as JudgeVerdict)))
  const meanAgreement = perCriterion.reduce((sum, v) => sum + v.agreement, 0) / perCriterion.length
  return {
    ok: true,
    verdicts: perCriterion.map(({ id, verdict, reason }) => ({ id, verdict, reason })),
    perCriterion,
    ties: perCriterion.filter((v) => v.tie).map((v) => v.id),
    meanAgreement,
    runs: n,
  }
}

function tally(c: NormalizedCriterion, votes: JudgeVerdict[]): CriterionVote {
  const pass = votes.filter((v) => v.verdict === 'PASS').length
  const fail = votes.length - pass
  const tie = pass === fail
  const verdict: Verdict = pass > fail ? 'PASS' : 'FAIL'
  const reason = votes.find((v) => v.verdict === verdict)?.reason ?? ''
  return {
    id: c.id,
    verdict,
    pass,
    fail,
    tie,
    agreement: Math.max(pass, fail) / votes.length,
    reason: tie ? `tie (${pass} PASS / ${fail} FAIL), counted as FAIL${reason === '' ? '' : `: ${reason}`}` : reason,
  }
}

/** Re-checks an ok run against the rubric: exactly one PASS/FAIL verdict per criterion. */
function checkRun(rubric: NormalizedCriterion[], verdicts: readonly JudgeVerdict[]): JudgeParseResult {
  const fault = (kind: JudgeFault['kind'], message: string): JudgeParseResult => ({ ok: false, fault: judgeFault(kind, message) })
  const seen = new Set<string>()
  for (const v of verdicts) {
    if (!rubric.some((c) => c.id === v.id)) return fault('unknown_criterion', `verdict for unknown criterion ${JSON.stringify(v.id)}`)
    if (seen.has(v.id)) return fault('duplicate_verdict', `more than one verdict for criterion ${v.id}`)
    if (v.verdict !== 'PASS' && v.verdict !== 'FAIL') return fault('unknown_verdict', `verdict ${JSON.stringify(v.verdict)} for criterion ${v.id}`)
    seen.add(v.id)
  }
  const missing = rubric.find((c) => !seen.has(c.id))
  return missing === undefined ? { ok: true, verdicts: [...verdicts] } : fault('missing_verdict', `no verdict for criterion ${label(missing)}`)
}

/**
 * Plain-text report of a scored rubric (no colours; the glue adds them): one line per criterion —
 * `PASS`/`FAIL`, the criterion (with `[critical]` / `[weight w]` when set) and the judge's reason —
 * then `critical failed: …` when a critical criterion failed, then `score 0.50 (threshold 0.75)`.
 * `threshold` defaults to the one the score was computed with.
 */
export function formatRubricReport(scored: RubricScore, threshold: number = scored.threshold): string {
  const lines = scored.perCriterion.map((c) => {
    const tags = [c.critical ? 'critical' : '', c.weight !== 1 ? `weight ${c.weight}` : ''].filter((t) => t !== '').map((t) => ` [${t}]`)
    const reason = c.reason === '' ? '' : ` — ${c.reason}`
    return `${c.verdict} ${c.text}${tags.join('')}${reason}`
  })
  if (scored.criticalFailures.length > 0) lines.push(`critical failed: ${scored.criticalFailures.join(', ')}`)
  lines.push(`score ${scored.score.toFixed(2)} (threshold ${threshold.toFixed(2)})`)
  return lines.join('\n')
}
