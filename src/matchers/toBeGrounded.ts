/**
 * `await expect(output).toBeGrounded(context, { threshold?, input?, severity?, judge? })` (issue 13): every
 * claim (sentence) of the output must be supported by the given context. The claims are split
 * deterministically and labelled [S1], [S2], … in the OUTPUT block; the judge answers one PASS/FAIL per
 * claim through the rubric engine (same protocol `evalgate-judge-v1`, delimiters, neutralisation, votes,
 * strict parsing and fault rules as `toPassRubric`). A failed check is a `hallucination` failure.
 */
import { JUDGE_PROMPT_VERSION, normalizeCriteria, scoreVerdicts } from '../judge/index.js'
import { isSeverity, SEVERITIES, type Severity } from '../failures/types.js'
import { claimCriterion, labelClaims, MAX_CLAIMS, splitClaims } from '../failures/claims.js'
import { excerpt } from '../schema/format.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { endpointLabel } from '../endpoints/client.js'
import { faultLines, faultResult } from './judge-fault.js'
import { resolveJudgeConfig, type JudgeOptions } from '../endpoints/judge.js'
import { checkOptions } from './option-keys.js'
import { receivedText } from './received.js'
import { runRubric } from '../endpoints/rubric-run.js'

/** Options of `toBeGrounded`. */
export interface GroundedOptions {
  /** Minimum share of supported claims, 0..1. Default 1 (every claim). */
  threshold?: number
  /** The user message the output answers (shown to the judge as INPUT). */
  input?: string
  /** Severity of the `hallucination` failure when the check fails. Default `'major'`. */
  severity?: Severity
  /** Overrides of the plugin's `judge` options for this call. */
  judge?: JudgeOptions
}

const NAME = 'toBeGrounded'

function checkArgs(context: unknown, options: unknown): GroundedOptions {
  const okContext = (typeof context === 'string' && context.trim() !== '') || (Array.isArray(context) && context.length > 0 && context.every((x) => typeof x === 'string' && x.trim() !== ''))
  if (!okContext) throw new MatcherUsageError(`${NAME}: context must be a non-empty string or a non-empty array of non-empty strings, got ${Array.isArray(context) ? (context.length ? 'an array with an empty or non-string item' : 'an empty array') : typeof context}`)
  const o = checkOptions<GroundedOptions>(NAME, options, ['threshold', 'input', 'severity', 'judge'])
  const t = o.threshold
  if (t !== undefined && (typeof t !== 'number' || !(t >= 0 && t <= 1))) throw new MatcherUsageError(`${NAME}: threshold must be a number within 0..1, got ${String(t)}`)
  if (o.input !== undefined && typeof o.input !== 'string') throw new MatcherUsageError(`${NAME}: input must be a string`)
  if (o.severity !== undefined && !isSeverity(o.severity)) throw new MatcherUsageError(`${NAME}: severity must be one of ${SEVERITIES.join(', ')}, got ${String(o.severity)}`)
  return o
}

export async function toBeGrounded(this: MatcherContext, received: unknown, context: string | readonly string[], options?: GroundedOptions): Promise<MatcherResult> {
  const o = checkArgs(context, options)
  const { text } = receivedText(NAME, received, { json: false })
  const claims = splitClaims(text)
  if (claims.length === 0) throw new MatcherUsageError(`${NAME}: the output has no claim to check (empty or no sentence): ${JSON.stringify(excerpt(text))}`)
  if (claims.length > MAX_CLAIMS) throw new MatcherUsageError(`${NAME}: the output has ${claims.length} claims (sentences), more than ${MAX_CLAIMS}: check it in parts`)
  const criteria = normalizeCriteria(claims.map((_, i) => claimCriterion(i)))
  const config = resolveJudgeConfig(NAME, o.judge)
  const run = await runRubric(config, { output: labelClaims(claims), criteria, context, ...(o.input === undefined ? {} : { input: o.input }) })
  const base = { judgeModel: config.model, promptVersion: JUDGE_PROMPT_VERSION, protocol: 'claims-v1', structured: run.structured, requestHash: run.requestHash, votes: config.votes, claims: claims.length }
  const tail = [`judge: ${config.model} (${JUDGE_PROMPT_VERSION}, claims-v1)`, `output: ${excerpt(text)}`]
  const a = run.aggregate
  if (!a.ok) {
    recordMatcher(this, { matcher: NAME, pass: false, details: { ...base, fault: a.fault } })
    return faultResult(this, [hint(this, NAME, 'context'), '', ...faultLines(a.fault), `judge endpoint: ${endpointLabel(config.baseURL)}`, ...tail].join('\n'), a.fault)
  }
  const scored = scoreVerdicts(criteria, a.verdicts, o.threshold === undefined ? {} : { threshold: o.threshold })
  const perClaim = scored.perCriterion.map((c, i) => ({ claim: `S${i + 1}`, text: excerpt(claims[i] as string), verdict: c.verdict, reason: c.reason }))
  const unsupported = perClaim.filter((c) => c.verdict !== 'PASS')
  recordMatcher(this, {
    matcher: NAME,
    pass: scored.passed,
    score: scored.score,
    details: { ...base, threshold: scored.threshold, unsupported: unsupported.length, perClaim, failure: { kind: 'hallucination', severity: o.severity ?? 'major' } },
  })
  const n = claims.length
  const verdict = this.isNot
    ? `expected the output not to be grounded, but ${n - unsupported.length}/${n} claims are supported (score ${scored.score.toFixed(2)} ≥ threshold ${scored.threshold.toFixed(2)})`
    : `${unsupported.length}/${n} claims are not supported by the context: score ${scored.score.toFixed(2)} (supported share) is below the threshold ${scored.threshold.toFixed(2)}`
  const lines = perClaim.map((c) => `${c.verdict} [${c.claim}] ${JSON.stringify(c.text)} — ${c.reason}`)
  return { pass: scored.passed, message: () => [hint(this, NAME, 'context'), '', verdict, '', ...lines, '', ...tail].join('\n') }
}
