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
export { normalizeCriteria, type RubricInput } from './types.js'
export { judgeFault } from './types.js'
export { neutraliseDelimiters, type LookAlikeKind, type NeutralisedSequence, type NeutraliseResult } from './request.js'
export { openDelimiter, closeDelimiter } from './request.js'
export { JUDGE_PROMPT_VERSION } from './request.js'
export { judgeResponseSchema, pairwiseResponseSchema, RUBRIC_SCHEMA_NAME, PAIRWISE_SCHEMA_NAME } from './request.js'
export { buildJudgeRequest, type JudgeRequestOptions } from './request.js'
export type { ReplyExtras } from './reply.js'
export { parseJudgeReply } from './reply.js'
export { scoreVerdicts, type RubricScore, type CriterionResult, type ScoreOptions } from './verdicts.js'
export { aggregateVotes, type VoteAggregate, type CriterionVote, type RunFault } from './verdicts.js'
export { PAIRWISE_PROMPT_VERSION } from './pairwise.js'
export { buildPairwiseRequest, type PairwiseRequestOptions, type PairwiseOrder } from './pairwise.js'
export { parsePairwiseReply, type PairwiseParseResult, type PositionalWinner } from './pairwise.js'
export { combinePairwise, type PairwiseOutcome, type PairwiseWinner } from './pairwise.js'
export { formatRubricReport } from './verdicts.js'
export { describeJudgeProtocol } from './protocol.js'
