import { excerptOf, judgeFault } from './fault.js'
import { findJsonObjects, type FoundObject } from './extract-json.js'
import type { JudgeFault } from './types.js'

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
