import {
  aggregateVotes,
  buildJudgeRequest,
  parseJudgeReply,
  type JudgeChatRequest,
  type JudgeParseResult,
  type NormalizedCriterion,
  type VoteAggregate,
} from '../judge/index.js'
import { stableHash } from '../util/stable.js'
import { callJudge, type JudgeCallOutcome, type JudgeConfig } from './judge.js'

/** What a rubric judges. */
export interface RubricSubject {
  output: string
  criteria: readonly NormalizedCriterion[]
  input?: string
  context?: string | readonly string[]
}

/** The judge's votes on a rubric (or the fault), with how the requests went out. */
export interface RubricRun {
  aggregate: VoteAggregate
  /** Whether the requests carried `response_format` (false after a fallback or with `structured: false`). */
  structured: boolean
  /** stableHash of the request as sent: the key a judge cache would use (with the vote index). */
  requestHash: string
  /** Model ids the endpoint reported, deduplicated. */
  reportedModels: string[]
}

/** The pure request builder for a rubric (same input → deep-equal request). */
export function rubricRequestBuilder(config: JudgeConfig, subject: RubricSubject): (structured: boolean) => JudgeChatRequest {
  return (structured) =>
    buildJudgeRequest({
      model: config.model,
      temperature: config.temperature,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
      maxTokens: config.maxTokens,
      structured,
      output: subject.output,
      criteria: subject.criteria,
      ...(subject.input === undefined ? {} : { input: subject.input }),
      ...(subject.context === undefined ? {} : { context: subject.context }),
    })
}

function toParse(outcome: JudgeCallOutcome, criteria: readonly NormalizedCriterion[]): JudgeParseResult {
  if (!outcome.ok) return { ok: false, fault: outcome.fault }
  return parseJudgeReply(outcome.reply.text, criteria, { refusal: outcome.reply.refusal })
}

/**
 * Asks the judge `config.votes` times (concurrently) and aggregates the votes with the engine's strict
 * `aggregateVotes`: any faulty run makes the whole run a fault. With one vote, the fault is reported as is.
 */
export async function runRubric(config: JudgeConfig, subject: RubricSubject): Promise<RubricRun> {
  const build = rubricRequestBuilder(config, subject)
  const outcomes = await Promise.all(Array.from({ length: config.votes }, () => callJudge(config, build)))
  const results = outcomes.map((o) => toParse(o, subject.criteria))
  let aggregate = aggregateVotes(subject.criteria, results)
  const first = results[0]
  if (!aggregate.ok && results.length === 1 && first !== undefined && !first.ok) aggregate = { ...aggregate, fault: first.fault }
  const structured = outcomes.every((o) => o.structured)
  const reportedModels = [...new Set(outcomes.flatMap((o) => (o.ok && o.reply.model !== null ? [o.reply.model] : [])))]
  return { aggregate, structured, requestHash: stableHash(build(structured), 16), reportedModels }
}
