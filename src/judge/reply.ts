import { scanBalanced } from '../schema/extract.js'
import { excerptOf, judgeFault, type JudgeFault, label, toNormalized, type RubricInput, type JudgeParseResult, type JudgeVerdict, type NormalizedCriterion, type Verdict } from './types.js'
import { isObject } from '../util/json-path.js'

/** A JSON object found in a reply, with where it starts and ends (exclusive). */
export interface FoundObject {
  start: number
  end: number
  value: Record<string, unknown>
}


/** Index of the `}` that closes the `{` at `start` (string- and escape-aware), or -1. */
function matchingBrace(text: string, start: number): number {
  const scan = scanBalanced(text, start)
  return scan.kind === 'closed' ? scan.end - 1 : -1
}

/**
 * Every JSON object in `text`, in order: the whole text when it is one object; otherwise each balanced
 * `{…}` span that JSON.parse accepts, scanning left to right and skipping past each object found (so
 * objects nested in an accepted one are not listed separately). Prose, code fences and other wrappers
 * around the objects are ignored. Nothing is repaired: invalid JSON (comments, trailing commas, single
 * quotes) is not an object.
 */
export function findJsonObjects(text: string): FoundObject[] {
  const whole = tryParse(text.trim())
  if (isObject(whole)) return [{ start: 0, end: text.length, value: whole }]
  const found: FoundObject[] = []
  let i = text.indexOf('{')
  while (i !== -1) {
    const end = matchingBrace(text, i)
    const value = end === -1 ? undefined : tryParse(text.slice(i, end + 1))
    if (isObject(value)) {
      found.push({ start: i, end: end + 1, value })
      i = text.indexOf('{', end + 1)
    } else {
      i = text.indexOf('{', i + 1)
    }
  }
  return found
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What the endpoint returned besides the text, when known. */
export interface ReplyExtras {
  /** The endpoint's `message.refusal` (Structured Outputs): any non-empty value is a `refused` fault. */
  refusal?: string | null
}

/** A reply reduced to its JSON objects, or the fault that stops it earlier. */
export type ReplyObjects = { ok: true; reply: string; objects: FoundObject[] } | { ok: false; fault: JudgeFault }

const REFUSAL = /^\s*(?:I['’]m sorry|I am sorry|Sorry[,.]|I cannot|I can['’]t|I['’]m unable|I am unable|I won['’]t|I will not|As an AI)\b/i

/**
 * First steps shared by the reply parsers: a non-empty `refusal` → `refused`; an empty reply →
 * `empty_reply`; no JSON object → `refused` when the text opens like a refusal, else `not_json`.
 */
export function replyObjects(text: string | null | undefined, extras: ReplyExtras, task: 'grade' | 'compare'): ReplyObjects {
  const reply = text ?? ''
  if (typeof extras.refusal === 'string' && extras.refusal.trim() !== '') {
    return { ok: false, fault: judgeFault('refused', `judge refused to ${task}: "${excerptOf(extras.refusal, 120)}"`, extras.refusal) }
  }
  if (reply.trim() === '') return { ok: false, fault: judgeFault('empty_reply', 'judge reply is empty', reply) }
  const objects = findJsonObjects(reply)
  if (objects.length > 0) return { ok: true, reply, objects }
  if (REFUSAL.test(reply)) return { ok: false, fault: judgeFault('refused', `judge refused to ${task} (no JSON; the reply reads as a refusal)`, reply) }
  return { ok: false, fault: judgeFault('not_json', 'judge reply contains no JSON object', reply) }
}

/**
 * Reads a rubric judge reply. Accepts a bare JSON object, JSON in a code fence, or JSON in prose: the
 * LAST JSON object with a `verdicts` array is the answer (a judge that quotes or drafts before it
 * concludes is bound by its final answer); if a `"verdicts":` key follows that object but is not valid
 * JSON, the final answer is malformed and the reply is `not_json` (never an earlier draft). Nothing is
 * repaired. Strict, and never lenient towards PASS:
 * - each entry needs an `id` of the rubric (matched case-insensitively, trimmed) and a `verdict`
 *   that is "PASS" or "FAIL" (case-insensitive, trimmed); anything else — "MAYBE", booleans, numbers,
 *   "PASS." — is `unknown_verdict`;
 * - a criterion without a verdict is `missing_verdict`, two entries for one criterion
 *   `duplicate_verdict` (even if they agree), an id outside the rubric `unknown_criterion`;
 * - `reason` is informative only: a missing or non-string reason becomes ''.
 * Extra keys are ignored. Verdicts come back in rubric order.
 */
export function parseJudgeReply(
  text: string | null | undefined,
  criteria: RubricInput,
  extras: ReplyExtras = {},
): JudgeParseResult {
  const rubric = toNormalized(criteria)
  const read = replyObjects(text, extras, 'grade')
  if (!read.ok) return read
  const { reply, objects } = read
  const fail = (kind: JudgeFault['kind'], message: string): JudgeParseResult => ({ ok: false, fault: judgeFault(kind, message, reply) })
  const answer = objects.filter((o) => Array.isArray(o.value['verdicts'])).at(-1)
  if (answer === undefined) {
    if (objects.some((o) => 'verdicts' in o.value)) return fail('missing_verdict', 'judge reply has "verdicts" but it is not an array')
    if (/"verdicts"\s*:/.test(reply)) return fail('not_json', 'judge reply has a "verdicts" answer that is not valid JSON')
    return fail('missing_verdict', 'judge reply has no "verdicts" array')
  }
  if (/"verdicts"\s*:/.test(reply.slice(answer.end))) return fail('not_json', 'judge reply has a later "verdicts" answer that is not valid JSON')
  return readVerdicts(answer.value['verdicts'] as unknown[], rubric, fail)
}

function readVerdicts(
  entries: unknown[],
  rubric: NormalizedCriterion[],
  fail: (kind: JudgeFault['kind'], message: string) => JudgeParseResult,
): JudgeParseResult {
  const byId = new Map(rubric.map((c) => [c.id.toLowerCase(), c]))
  const got = new Map<string, JudgeVerdict>()
  for (const [index, entry] of entries.entries()) {
    const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null
    const rawId = record?.['id']
    if (record === null || typeof rawId !== 'string') return fail('unknown_criterion', `judge reply verdicts[${index}] has no "id" string`)
    const criterion = byId.get(rawId.trim().toLowerCase())
    const known = rubric.map((c) => c.id).join(', ')
    if (criterion === undefined) return fail('unknown_criterion', `judge reply has a verdict for unknown criterion ${JSON.stringify(rawId)} (rubric has ${known})`)
    if (got.has(criterion.id)) return fail('duplicate_verdict', `judge reply has more than one verdict for criterion ${label(criterion)}`)
    if (!('verdict' in record) || record['verdict'] === null) return fail('missing_verdict', `judge reply has no verdict for criterion ${label(criterion)}`)
    const verdict = toVerdict(record['verdict'])
    if (verdict === null) {
      return fail('unknown_verdict', `judge reply has verdict ${JSON.stringify(record['verdict'])} for criterion ${label(criterion)}; only "PASS" or "FAIL" is accepted`)
    }
    const reason = typeof record['reason'] === 'string' ? record['reason'].trim() : ''
    got.set(criterion.id, { id: criterion.id, verdict, reason })
  }
  const missing = rubric.filter((c) => !got.has(c.id))
  if (missing.length > 0) {
    return fail('missing_verdict', `judge reply has no verdict for ${missing.length === 1 ? 'criterion' : 'criteria'} ${missing.map(label).join(', ')}`)
  }
  return { ok: true, verdicts: rubric.map((c) => got.get(c.id) as JudgeVerdict) }
}

function toVerdict(value: unknown): Verdict | null {
  if (typeof value !== 'string') return null
  const v = value.trim().toUpperCase()
  return v === 'PASS' || v === 'FAIL' ? v : null
}
