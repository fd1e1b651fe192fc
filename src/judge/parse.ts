import { judgeFault } from './fault.js'
import { replyObjects, type ReplyExtras } from './reply.js'
import { label, toNormalized, type RubricInput } from './criteria.js'
import type { JudgeFault, JudgeParseResult, JudgeVerdict, NormalizedCriterion, Verdict } from './types.js'

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
