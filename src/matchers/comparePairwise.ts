import {
  buildPairwiseRequest,
  combinePairwise,
  PAIRWISE_PROMPT_VERSION,
  parsePairwiseReply,
  type Criterion,
  type PairwiseOrder,
  type PairwiseParseResult,
  type PairwiseWinner,
} from '../judge/index.js'
import { MatcherUsageError } from './context.js'
import { endpointLabel } from '../endpoints/client.js'
import { callJudge, resolveJudgeConfig, type JudgeOptions } from '../endpoints/judge.js'
import { faultLines, JudgeFaultError } from './judge-fault.js'
import { rejectUnknownOptions } from './option-keys.js'
import { receivedText } from './received.js'

/** What to compare two texts on: give `criteria`, a `question`, or both. */
export interface PairwiseOptions {
  criteria?: readonly Criterion[]
  question?: string
  /** The user message both texts answer. */
  input?: string
  /** Reference facts for the judge. */
  context?: string | readonly string[]
  /** Overrides of the plugin's `judge` options for this comparison. */
  judge?: JudgeOptions
}

/** The outcome of {@link comparePairwise}. */
export interface PairwiseResult {
  /** 'a' or 'b' only when both orders agree; otherwise 'tie'. */
  winner: PairwiseWinner
  /** Both orders named the same winner (a tie in both orders is consistent too). */
  consistent: boolean
  /** The winner each order named, mapped back to a/b. */
  byOrder: { ab: PairwiseWinner; ba: PairwiseWinner }
  /** The judge's reason in each order. */
  reasons: { ab: string; ba: string }
  model: string
  promptVersion: string
}

const NAME = 'comparePairwise'

/**
 * Asks the judge which of two outputs is better — twice, once in each order (a first, then b first) — and
 * combines the answers to cancel position bias: a winner counts only when both orders agree. `a`/`b`:
 * strings, chat completions or messages. A judge fault in either order throws `JudgeFaultError`
 * (never a win); bad arguments throw `EvalgateUsageError`.
 */
export async function comparePairwise(a: unknown, b: unknown, options: PairwiseOptions): Promise<PairwiseResult> {
  if (typeof options !== 'object' || options === null) throw new MatcherUsageError(`${NAME}: options { criteria | question, input?, context?, judge? } are required`)
  rejectUnknownOptions(NAME, options, ['criteria', 'question', 'input', 'context', 'judge'])
  const textA = receivedText(`${NAME} (a)`, a).text
  const textB = receivedText(`${NAME} (b)`, b).text
  const config = resolveJudgeConfig(NAME, options.judge)
  const build = (order: PairwiseOrder) => (structured: boolean) =>
    buildPairwiseRequest({
      model: config.model,
      temperature: config.temperature,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
      maxTokens: config.maxTokens,
      structured,
      a: textA,
      b: textB,
      order,
      ...(options.criteria === undefined ? {} : { criteria: options.criteria }),
      ...(options.question === undefined ? {} : { question: options.question }),
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(options.context === undefined ? {} : { context: options.context }),
    })
  try {
    build('ab')(config.structured)
  } catch (error) {
    throw new MatcherUsageError(`${NAME}: ${(error as Error).message}`)
  }
  const ask = async (order: PairwiseOrder): Promise<PairwiseParseResult> => {
    const outcome = await callJudge(config, build(order))
    return outcome.ok ? parsePairwiseReply(outcome.reply.text, { refusal: outcome.reply.refusal }) : { ok: false, fault: outcome.fault }
  }
  const [ab, ba] = await Promise.all([ask('ab'), ask('ba')])
  const outcome = combinePairwise(ab, ba)
  if (!outcome.ok) {
    const lines = [`${NAME}: no winner`, ...faultLines(outcome.fault), `judge: ${config.model} at ${endpointLabel(config.baseURL)}`]
    throw new JudgeFaultError(lines.join('\n'), outcome.fault)
  }
  return {
    winner: outcome.winner,
    consistent: outcome.consistent,
    byOrder: outcome.byOrder,
    reasons: { ab: outcome.ab.ok ? outcome.ab.reason : '', ba: outcome.ba.ok ? outcome.ba.reason : '' },
    model: config.model,
    promptVersion: PAIRWISE_PROMPT_VERSION,
  }
}
