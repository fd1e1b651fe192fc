import { toNormalized, type RubricInput } from './criteria.js'
import type { JudgeVerdict, Verdict } from './types.js'

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
