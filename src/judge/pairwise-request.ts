import { prepareBlocks, type BlockInput } from './blocks.js'
import { toNormalized, type RubricInput } from './criteria.js'
import { PAIRWISE_PROMPT_VERSION, pairwiseSystemPrompt } from './pairwise-prompt.js'
import { requireVersion } from './prompt.js'
import { chatRequest, requireText } from './request-base.js'
import { renderContext, renderCriteria } from './render.js'
import { PAIRWISE_SCHEMA_NAME, pairwiseResponseSchema } from './schema.js'
import type { JudgeCallOptions, JudgeChatRequest } from './types.js'

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
