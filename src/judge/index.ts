/**
 * The `toPassRubric` judge engine: pure functions that build judge requests, read judge replies
 * strictly (no fault ever becomes a pass), score, vote and compare. No network, no Vitest.
 */
export type {
  Criterion,
  CriterionSpec,
  NormalizedCriterion,
  Verdict,
  JudgeVerdict,
  JudgeFaultKind,
  JudgeFault,
  JudgeParseResult,
  JsonValue,
  JsonSchema,
  JudgeMessage,
  JsonSchemaResponseFormat,
  JudgeChatRequest,
  JudgeCallOptions,
} from './types.js'
export { normalizeCriteria, type RubricInput } from './criteria.js'
export { judgeFault } from './fault.js'
export { neutraliseDelimiters, type LookAlikeKind, type NeutralisedSequence, type NeutraliseResult } from './neutralise.js'
export { openDelimiter, closeDelimiter } from './blocks.js'
export { JUDGE_PROMPT_VERSION } from './prompt.js'
export { judgeResponseSchema, pairwiseResponseSchema, RUBRIC_SCHEMA_NAME, PAIRWISE_SCHEMA_NAME } from './schema.js'
export { buildJudgeRequest, type JudgeRequestOptions } from './request.js'
export type { ReplyExtras } from './reply.js'
export { parseJudgeReply } from './parse.js'
export { scoreVerdicts, type RubricScore, type CriterionResult, type ScoreOptions } from './score.js'
export { aggregateVotes, type VoteAggregate, type CriterionVote, type RunFault } from './votes.js'
export { PAIRWISE_PROMPT_VERSION } from './pairwise-prompt.js'
export { buildPairwiseRequest, type PairwiseRequestOptions, type PairwiseOrder } from './pairwise-request.js'
export { parsePairwiseReply, type PairwiseParseResult, type PositionalWinner } from './pairwise-parse.js'
export { combinePairwise, type PairwiseOutcome, type PairwiseWinner } from './pairwise-combine.js'
export { formatRubricReport } from './report.js'
export { describeJudgeProtocol } from './protocol.js'
