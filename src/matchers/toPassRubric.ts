import {
  formatRubricReport,
  JUDGE_PROMPT_VERSION,
  normalizeCriteria,
  scoreVerdicts,
  type Criterion,
  type NormalizedCriterion,
  type RubricScore,
} from '../judge/index.js'
import { excerpt } from '../schema/format.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { endpointLabel } from '../endpoints/client.js'
import { faultLines, faultResult } from './judge-fault.js'
import { resolveJudgeConfig, type JudgeConfig, type JudgeOptions } from '../endpoints/judge.js'
import { checkOptions } from './option-keys.js'
import { receivedText } from './received.js'
import { runRubric, type RubricRun } from '../endpoints/rubric-run.js'

/** Options of `toPassRubric`. */
export interface RubricOptions {
  /** Minimum weighted share of criteria judged PASS, 0..1. Default 1 (every criterion). */
  threshold?: number
  /** The user message the output answers (shown to the judge as INPUT). */
  input?: string
  /** Reference facts for the judge; an array is shown as a numbered list. */
  context?: string | readonly string[]
  /** Overrides of the plugin's `judge` options for this call (model, votes, endpoint, …). */
  judge?: JudgeOptions
}

const NAME = 'toPassRubric'

function checkRubricOptions(options: unknown): RubricOptions {
  const o = checkOptions<RubricOptions>(NAME, options, ['threshold', 'input', 'context', 'judge'])
  const t = o.threshold
  if (t !== undefined && (typeof t !== 'number' || !(t >= 0 && t <= 1))) throw new MatcherUsageError(`${NAME}: threshold must be a number within 0..1, got ${String(t)}`)
  if (o.input !== undefined && typeof o.input !== 'string') throw new MatcherUsageError(`${NAME}: input must be a string`)
  const c = o.context
  if (c !== undefined && typeof c !== 'string' && !(Array.isArray(c) && c.every((x) => typeof x === 'string'))) {
    throw new MatcherUsageError(`${NAME}: context must be a string or an array of strings`)
  }
  return o
}

function normalize(criteria: unknown): NormalizedCriterion[] {
  try {
    return normalizeCriteria(criteria as Criterion[])
  } catch (error) {
    throw new MatcherUsageError(`${NAME}: ${(error as Error).message}`)
  }
}

function judgeLine(config: JudgeConfig, run: RubricRun): string {
  const parts = [`judge: ${config.model} (${JUDGE_PROMPT_VERSION})`]
  const a = run.aggregate
  if (a.ok && a.runs > 1) parts.push(`${a.runs} votes, mean agreement ${a.meanAgreement.toFixed(2)}${a.ties.length ? `, ties counted as FAIL: ${a.ties.join(', ')}` : ''}`)
  parts.push(run.structured ? 'structured output' : 'JSON in text (no response_format)')
  return parts.join(' · ')
}

function verdictLine(scored: RubricScore, isNot: boolean): string {
  if (isNot) return `expected the output not to pass the rubric, but it did: score ${scored.score.toFixed(2)} ≥ threshold ${scored.threshold.toFixed(2)}, no critical criterion failed`
  const why: string[] = []
  if (scored.score + 1e-9 < scored.threshold) why.push(`score ${scored.score.toFixed(2)} is below the threshold ${scored.threshold.toFixed(2)}`)
  if (scored.criticalFailures.length) {
    const named = scored.criticalFailures.map((id) => {
      const text = scored.perCriterion.find((c) => c.id === id)?.text
      return text === undefined ? id : `${id} ${JSON.stringify(text)}`
    })
    why.push(`critical criterion failed: ${named.join(', ')}`)
  }
  return `the output does not pass the rubric: ${why.join('; ')}`
}

/**
 * `await expect(output).toPassRubric(criteria, { threshold?, input?, context?, judge? })`: an LLM judge
 * gives PASS/FAIL per criterion; the score is the weighted share of PASS; the assertion passes when
 * score ≥ threshold (default 1) and no critical criterion failed. Any judge fault (unreachable endpoint,
 * HTTP error after retries, no JSON, missing or unknown verdict, …) fails the assertion — under `.not`
 * it throws — and is never a pass. Received: a string, a chat completion or message, or JSON data.
 */
export async function toPassRubric(this: MatcherContext, received: unknown, criteria: readonly Criterion[], options?: RubricOptions): Promise<MatcherResult> {
  const rubric = normalize(criteria)
  const o = checkRubricOptions(options)
  const { text } = receivedText(NAME, received, { json: true })
  const config = resolveJudgeConfig(NAME, o.judge)
  const run = await runRubric(config, {
    output: text,
    criteria: rubric,
    ...(o.input === undefined ? {} : { input: o.input }),
    ...(o.context === undefined ? {} : { context: o.context }),
  })
  const base = { judgeModel: config.model, promptVersion: JUDGE_PROMPT_VERSION, structured: run.structured, requestHash: run.requestHash, votes: config.votes }
  const tail = [judgeLine(config, run), `output: ${excerpt(text)}`]
  const a = run.aggregate
  if (!a.ok) {
    recordMatcher(this, { matcher: NAME, pass: false, details: { ...base, fault: a.fault, faults: a.faults.length } })
    const lines = [hint(this, NAME, 'criteria'), '', ...faultLines(a.fault), `judge endpoint: ${endpointLabel(config.baseURL)}`, ...tail]
    return faultResult(this, lines.join('\n'), a.fault)
  }
  const scored = scoreVerdicts(rubric, a.verdicts, o.threshold === undefined ? {} : { threshold: o.threshold })
  recordMatcher(this, {
    matcher: NAME,
    pass: scored.passed,
    score: scored.score,
    details: {
      ...base,
      threshold: scored.threshold,
      criticalFailures: scored.criticalFailures,
      criteria: scored.perCriterion.map((c, i) => ({ ...c, agreement: a.perCriterion[i]?.agreement ?? 1 })),
      agreement: a.meanAgreement,
      ties: a.ties,
      ...(run.reportedModels.length ? { reportedModels: run.reportedModels } : {}),
    },
  })
  return {
    pass: scored.passed,
    message: () => [hint(this, NAME, 'criteria'), '', verdictLine(scored, this.isNot), '', formatRubricReport(scored), '', ...tail].join('\n'),
  }
}
