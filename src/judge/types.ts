import { flatExcerpt } from '../util/text.js'

/** A rubric criterion as written in a test: plain text, or text with a weight and/or a critical flag. */
export type Criterion = string | CriterionSpec

/** The object form of a {@link Criterion}. */
export interface CriterionSpec {
  criterion: string
  /** Relative weight in the score; must be > 0. Default 1. */
  weight?: number
  /** When true, a FAIL on this criterion fails the rubric whatever the score. Default false. */
  critical?: boolean
}

/** A validated criterion with its stable id (`c1`..`cN`, in the order given). */
export interface NormalizedCriterion {
  id: string
  text: string
  weight: number
  critical: boolean
}

/** The only two verdicts the judge may give. */
export type Verdict = 'PASS' | 'FAIL'

/** One criterion's verdict from the judge. */
export interface JudgeVerdict {
  id: string
  verdict: Verdict
  /** The judge's one-sentence reason ('' when the judge gave none). */
  reason: string
}

/**
 * Why a judge answer could not be used. Every fault is a failure of the assertion, never a pass.
 * - `empty_reply`: nothing (or only whitespace) came back.
 * - `refused`: the model refused (the endpoint's `refusal` field, or a refusal sentence and no JSON).
 * - `not_json`: no parseable JSON object in the reply.
 * - `cut_off`: the endpoint stopped the reply at `max_tokens` (`finish_reason: "length"`), parseable or not.
 * - `missing_verdict`: no `verdicts` array, or no verdict for some criterion.
 * - `unknown_verdict`: a verdict other than PASS/FAIL (e.g. "MAYBE", true, 1).
 * - `unknown_criterion`: a verdict entry for an id that is not in the rubric, or without an id.
 * - `duplicate_verdict`: more than one verdict for the same criterion.
 * - `endpoint_error`: the call itself failed (built by the glue with {@link judgeFault}).
 */
export type JudgeFaultKind =
  | 'not_json'
  | 'cut_off'
  | 'missing_verdict'
  | 'unknown_verdict'
  | 'unknown_criterion'
  | 'duplicate_verdict'
  | 'empty_reply'
  | 'refused'
  | 'endpoint_error'

/** A judge fault: what was wrong, said exactly, with a short excerpt of the reply. */
export interface JudgeFault {
  kind: JudgeFaultKind
  message: string
  /** Short, whitespace-collapsed excerpt of the reply ('' when there was none). */
  excerpt: string
}

/** Result of parsing one rubric reply. */
export type JudgeParseResult = { ok: true; verdicts: JudgeVerdict[] } | { ok: false; fault: JudgeFault }

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A JSON Schema document (plain JSON data). */
export type JsonSchema = { [key: string]: JsonValue }

/** One chat message of a judge request. */
export interface JudgeMessage {
  role: 'system' | 'user'
  content: string
}

/** OpenAI Structured Outputs `response_format`. */
export interface JsonSchemaResponseFormat {
  type: 'json_schema'
  json_schema: { name: string; strict: true; schema: JsonSchema }
}

/**
 * An OpenAI `chat.completions.create` request body (non-streaming). Plain, stable data: hash it with
 * `stableHash` to key a cache. `seed` and `response_format` are absent (not undefined) when unused.
 */
export interface JudgeChatRequest {
  model: string
  temperature: number
  seed?: number
  /** Upper bound of the reply's tokens: a weak judge under a schema grammar can otherwise write until the context is full. */
  max_tokens?: number
  messages: [JudgeMessage, JudgeMessage]
  response_format?: JsonSchemaResponseFormat
}

/** Options shared by the rubric and pairwise request builders. */
export interface JudgeCallOptions {
  /** Judge model id. */
  model: string
  /** Sampling temperature, 0..2. Default 0. */
  temperature?: number
  /** Integer seed, forwarded as is when given. */
  seed?: number
  /** `max_tokens` of the request (a positive integer), absent when not given. */
  maxTokens?: number
  /** Ask for OpenAI Structured Outputs (`response_format: json_schema`, strict). Default true. */
  structured?: boolean
}

/**
 * Validates a rubric and gives each criterion its id (`c1`..`cN`, in order), weight (default 1) and
 * critical flag (default false). Text is trimmed. Throws a TypeError/RangeError naming the index for:
 * an empty list, a non-string or empty text, a weight that is not a finite number > 0, a non-boolean
 * `critical`, and a text repeated (case- and whitespace-insensitively) within the rubric.
 */
export function normalizeCriteria(criteria: readonly Criterion[]): NormalizedCriterion[] {
  if (!Array.isArray(criteria)) throw new TypeError('rubric: criteria must be an array')
  if (criteria.length === 0) throw new RangeError('rubric: at least one criterion is required')
  const seen = new Map<string, number>()
  return criteria.map((item: unknown, index) => {
    const where = `rubric: criterion ${index} (c${index + 1})`
    const spec = typeof item === 'string' ? { criterion: item } : item
    if (spec === null || typeof spec !== 'object') throw new TypeError(`${where} must be a string or { criterion, weight?, critical? }`)
    const { criterion, weight = 1, critical = false } = spec as { criterion?: unknown; weight?: unknown; critical?: unknown }
    if (typeof criterion !== 'string') throw new TypeError(`${where}: text must be a string`)
    const text = criterion.trim()
    if (text === '') throw new RangeError(`${where}: text is empty`)
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`${where}: weight must be a finite number > 0, got ${String(weight)}`)
    }
    if (typeof critical !== 'boolean') throw new TypeError(`${where}: critical must be a boolean`)
    const key = text.replace(/\s+/g, ' ').toLowerCase()
    const first = seen.get(key)
    if (first !== undefined) throw new RangeError(`${where} duplicates criterion ${first} (c${first + 1}): "${text}"`)
    seen.set(key, index)
    return { id: `c${index + 1}`, text, weight, critical }
  })
}

/** A rubric as functions accept it: raw criteria, or the output of {@link normalizeCriteria}. */
export type RubricInput = readonly Criterion[] | readonly NormalizedCriterion[]

/** Normalises a rubric given in either form (normalised criteria are re-checked; ids follow order). */
export function toNormalized(criteria: RubricInput): NormalizedCriterion[] {
  if (!Array.isArray(criteria)) throw new TypeError('rubric: criteria must be an array')
  const raw = criteria.map((c: Criterion | NormalizedCriterion, index) => {
    if (typeof c !== 'object' || c === null || !('id' in c)) return c
    if (c.id !== `c${index + 1}`) throw new RangeError(`rubric: criterion ${index} has id "${c.id}", expected "c${index + 1}" (ids follow rubric order)`)
    return { criterion: c.text, weight: c.weight, critical: c.critical }
  })
  return normalizeCriteria(raw)
}

/** How messages name a criterion: `c2 ("Gives clear next steps")`. */
export function label(c: NormalizedCriterion): string {
  return `${c.id} (${JSON.stringify(c.text)})`
}

/** A short, whitespace-collapsed excerpt of a reply (160 characters), ending in '…' when cut. */
export function excerptOf(text: string | null | undefined, length = 160): string {
  return flatExcerpt(text, length)
}

/**
 * Builds a {@link JudgeFault}. The glue uses it for `endpoint_error` (the call failed) and `refused`
 * (the endpoint returned a `refusal`); the parser uses it for everything else.
 */
export function judgeFault(kind: JudgeFaultKind, message: string, reply?: string | null): JudgeFault {
  return { kind, message, excerpt: excerptOf(reply) }
}
