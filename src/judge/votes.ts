import { label, toNormalized, type RubricInput } from './criteria.js'
import { judgeFault } from './fault.js'
import type { JudgeFault, JudgeParseResult, JudgeVerdict, NormalizedCriterion, Verdict } from './types.js'

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
