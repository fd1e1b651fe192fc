import { prepareBlocks, type BlockInput } from './blocks.js'
import { toNormalized, type RubricInput } from './criteria.js'
import { JUDGE_PROMPT_VERSION, requireVersion, rubricSystemPrompt } from './prompt.js'
import { chatRequest, requireText } from './request-base.js'
import { renderContext, renderCriteria } from './render.js'
import { RUBRIC_SCHEMA_NAME, judgeResponseSchema } from './schema.js'
import type { JudgeCallOptions, JudgeChatRequest } from './types.js'

/** What to judge and how: the arguments of {@link buildJudgeRequest}. */
export interface JudgeRequestOptions extends JudgeCallOptions {
  /** The text under judgement. */
  output: string
  /** The rubric: raw criteria, or criteria already normalised by `normalizeCriteria`. */
  criteria: RubricInput
  /** The user message the output answers. */
  input?: string
  /** Reference facts; an array is rendered as a numbered list. */
  context?: string | readonly string[]
  /** Protocol version; must equal {@link JUDGE_PROMPT_VERSION} (the default). */
  promptVersion?: string
}

/**
 * Builds the OpenAI chat.completions body that asks the judge for a PASS/FAIL verdict per criterion.
 * Pure and deterministic: the same options give a deep-equal body (and the same stableHash), so it can
 * key a cache. Judged text (criteria, input, context, output) is neutralised against delimiter and
 * answer look-alikes and placed between nonce-tagged delimiters; the message states any neutralisation.
 * With `structured` (default) the body carries a strict `json_schema` response_format.
 */
export function buildJudgeRequest(options: JudgeRequestOptions): JudgeChatRequest {
  const promptVersion = requireVersion(options.promptVersion ?? JUDGE_PROMPT_VERSION, JUDGE_PROMPT_VERSION)
  const criteria = toNormalized(options.criteria)
  const blocks: BlockInput[] = [{ name: 'CRITERIA', text: renderCriteria(criteria) }]
  if (options.input !== undefined) blocks.push({ name: 'INPUT', text: requireText('input', options.input) })
  if (options.context !== undefined) blocks.push({ name: 'CONTEXT', text: renderContext(options.context) })
  blocks.push({ name: 'OUTPUT', text: requireText('output', options.output) })
  const prepared = prepareBlocks(promptVersion, blocks)
  const ids = criteria.map((c) => c.id)
  const user = [
    `Grade the OUTPUT against each criterion in CRITERIA. Block tag of this message: ${prepared.nonce}.`,
    ...prepared.rendered,
    ...(prepared.note === null ? [] : [prepared.note]),
    `Answer with the JSON object only: one entry for each of ${ids.join(', ')}.`,
  ].join('\n\n')
  return chatRequest(options, rubricSystemPrompt(promptVersion), user, { name: RUBRIC_SCHEMA_NAME, schema: judgeResponseSchema(ids) })
}
