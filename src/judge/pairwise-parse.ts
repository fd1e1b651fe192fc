import { judgeFault } from './fault.js'
import { replyObjects, type ReplyExtras } from './reply.js'
import type { JudgeFault } from './types.js'

/** A pairwise verdict by position: the text shown as RESPONSE_A, as RESPONSE_B, or neither. */
export type PositionalWinner = 'A' | 'B' | 'TIE'

/** Result of parsing one pairwise reply. */
export type PairwiseParseResult = { ok: true; winner: PositionalWinner; reason: string } | { ok: false; fault: JudgeFault }

/**
 * Reads a pairwise reply with the same strictness as `parseJudgeReply`: bare JSON, fenced JSON or JSON
 * in prose, the LAST object with a `winner` key being the answer. `winner` must be "A", "B" or "TIE"
 * (case-insensitive, trimmed): anything else is `unknown_verdict`; no `winner` is `missing_verdict`.
 */
export function parsePairwiseReply(text: string | null | undefined, extras: ReplyExtras = {}): PairwiseParseResult {
  const read = replyObjects(text, extras, 'compare')
  if (!read.ok) return read
  const { reply, objects } = read
  const fail = (kind: JudgeFault['kind'], message: string): PairwiseParseResult => ({ ok: false, fault: judgeFault(kind, message, reply) })
  const answer = objects.filter((o) => 'winner' in o.value).at(-1)
  if (answer === undefined || answer.value['winner'] === null) return fail('missing_verdict', 'judge reply has no "winner"')
  const raw = answer.value['winner']
  const winner = typeof raw === 'string' ? raw.trim().toUpperCase() : null
  if (winner !== 'A' && winner !== 'B' && winner !== 'TIE') {
    return fail('unknown_verdict', `judge reply has winner ${JSON.stringify(raw)}; only "A", "B" or "TIE" is accepted`)
  }
  const reason = typeof answer.value['reason'] === 'string' ? answer.value['reason'].trim() : ''
  return { ok: true, winner, reason }
}
