import type { PairwiseParseResult, PositionalWinner } from './pairwise-parse.js'
import type { PairwiseOrder } from './pairwise-request.js'
import type { JudgeFault } from './types.js'

/** A pairwise verdict about the texts themselves. */
export type PairwiseWinner = 'a' | 'b' | 'tie'

/** Result of {@link combinePairwise}; both raw results are always included. */
export type PairwiseOutcome =
  | {
      ok: true
      /** The agreed winner, or 'tie' when the two orders disagree (or agree on a tie). */
      winner: PairwiseWinner
      /** True when both orders named the same winner. */
      consistent: boolean
      /** Winner according to the 'ab' run and the 'ba' run, mapped back to a/b. */
      byOrder: { ab: PairwiseWinner; ba: PairwiseWinner }
      ab: PairwiseParseResult
      ba: PairwiseParseResult
    }
  | {
      ok: false
      /** The first fault (the 'ab' run's when both failed), its message prefixed with the order. */
      fault: JudgeFault
      faultOrder: PairwiseOrder
      ab: PairwiseParseResult
      ba: PairwiseParseResult
    }

/** Maps a positional winner back to a text: in order 'ba', RESPONSE_A was `b`. */
export function toTextWinner(winner: PositionalWinner, order: PairwiseOrder): PairwiseWinner {
  if (winner === 'TIE') return 'tie'
  return (winner === 'A') === (order === 'ab') ? 'a' : 'b'
}

/**
 * Combines the replies of the same comparison asked in both orders. Position-bias cancellation: a
 * winner counts only when both orders name it; any disagreement (including a win against a tie) is a
 * tie. A fault in either run makes the outcome a fault (never a win).
 */
export function combinePairwise(resultAB: PairwiseParseResult, resultBA: PairwiseParseResult): PairwiseOutcome {
  const faulted = (order: PairwiseOrder, fault: JudgeFault): PairwiseOutcome => ({
    ok: false,
    fault: { ...fault, message: `pairwise run '${order}': ${fault.message}` },
    faultOrder: order,
    ab: resultAB,
    ba: resultBA,
  })
  if (!resultAB.ok) return faulted('ab', resultAB.fault)
  if (!resultBA.ok) return faulted('ba', resultBA.fault)
  const ab = toTextWinner(resultAB.winner, 'ab')
  const ba = toTextWinner(resultBA.winner, 'ba')
  return { ok: true, winner: ab === ba ? ab : 'tie', consistent: ab === ba, byOrder: { ab, ba }, ab: resultAB, ba: resultBA }
}
