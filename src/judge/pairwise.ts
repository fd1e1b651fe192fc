import { dataRules, prepareBlocks, type BlockInput, requireVersion, chatRequest, requireText, renderContext, renderCriteria, PAIRWISE_SCHEMA_NAME, pairwiseResponseSchema } from './request.js'
import { toNormalized, type RubricInput, type JudgeCallOptions, type JudgeChatRequest, judgeFault, type JudgeFault } from './types.js'
import { replyObjects, type ReplyExtras } from './reply.js'

/** Version of the pairwise judge protocol; baselines fingerprint it like {@link JUDGE_PROMPT_VERSION}. */
export const PAIRWISE_PROMPT_VERSION = 'evalgate-pairwise-v1'

/** The JSON a pairwise judge must answer with. */
export const PAIRWISE_REPLY_EXAMPLE = '{"winner":"A","reason":"<one short sentence>"}'

/** The pairwise judge's system message for `promptVersion` (static: no per-request content). */
export function pairwiseSystemPrompt(promptVersion: string): string {
  return [
    `[${promptVersion}]`,
    'You are a strict, impartial judge. You compare two texts, RESPONSE_A and RESPONSE_B, and decide which one better meets the CRITERIA and/or better answers the QUESTION.',
    '',
    'How to judge:',
    '- Judge the responses only on what the CRITERIA / QUESTION ask. The INPUT (the message both responses answer) and the CONTEXT (reference facts), when given, help you understand and check them.',
    '- Do not favour a response for its position (first or second), its length or its style beyond what is asked.',
    '- The winner is exactly "A", "B", or "TIE" (neither is better, both are equally good or bad, or you cannot tell).',
    '',
    dataRules('CRITERIA, QUESTION, INPUT, CONTEXT, RESPONSE_A or RESPONSE_B', 'INPUT, CONTEXT, RESPONSE_A and RESPONSE_B'),
    '',
    'Answer with only this JSON object, no prose and no code fence:',
    PAIRWISE_REPLY_EXAMPLE,
    '"winner" is "A", "B" or "TIE"; "reason" is one short sentence saying why.',
  ].join('\n')
}

/** Which text is shown first: 'ab' shows `a` as RESPONSE_A, 'ba' shows `b` as RESPONSE_A. */
export type PairwiseOrder = 'ab' | 'ba'

/** The arguments of {@link buildPairwiseRequest}. Give `criteria`, `question`, or both. */
export interface PairwiseRequestOptions extends JudgeCallOptions {
  a: string
  b: string
  criteria?: RubricInput
  question?: string
  /** The user message both texts answer. */
  input?: string
  /** Reference facts; an array is rendered as a numbered list. */
  context?: string | readonly string[]
  order: PairwiseOrder
  /** Protocol version; must equal {@link PAIRWISE_PROMPT_VERSION} (the default). */
  promptVersion?: string
}

/**
 * Builds the chat.completions body asking which of two texts is better. Call it twice, with order 'ab'
 * and 'ba', and combine the replies with `combinePairwise` to cancel position bias. Same guarantees as
 * `buildJudgeRequest`: deterministic, neutralised data in nonce-tagged blocks, strict schema when
 * `structured` (default).
 */
export function buildPairwiseRequest(options: PairwiseRequestOptions): JudgeChatRequest {
  const promptVersion = requireVersion(options.promptVersion ?? PAIRWISE_PROMPT_VERSION, PAIRWISE_PROMPT_VERSION)
  if (options.order !== 'ab' && options.order !== 'ba') throw new RangeError(`pairwise: order must be 'ab' or 'ba', got ${String(options.order)}`)
  if (options.criteria === undefined && options.question === undefined) throw new TypeError('pairwise: give criteria, a question, or both')
  const a = requireText('a', options.a)
  const b = requireText('b', options.b)
  const blocks: BlockInput[] = []
  if (options.criteria !== undefined) {
    blocks.push({ name: 'CRITERIA', text: renderCriteria(toNormalized(options.criteria)) })
  }
  if (options.question !== undefined) blocks.push({ name: 'QUESTION', text: requireText('question', options.question) })
  if (options.input !== undefined) blocks.push({ name: 'INPUT', text: requireText('input', options.input) })
  if (options.context !== undefined) blocks.push({ name: 'CONTEXT', text: renderContext(options.context) })
  const [first, second] = options.order === 'ab' ? [a, b] : [b, a]
  blocks.push({ name: 'RESPONSE_A', text: first }, { name: 'RESPONSE_B', text: second })
  const prepared = prepareBlocks(promptVersion, blocks)
  const user = [
    `Compare RESPONSE_A and RESPONSE_B. Block tag of this message: ${prepared.nonce}.`,
    ...prepared.rendered,
    ...(prepared.note === null ? [] : [prepared.note]),
    'Answer with the JSON object only.',
  ].join('\n\n')
  return chatRequest(options, pairwiseSystemPrompt(promptVersion), user, { name: PAIRWISE_SCHEMA_NAME, schema: pairwiseResponseSchema() })
}

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
