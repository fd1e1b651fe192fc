import type { JudgeFault, JudgeFaultKind } from './types.js'

const EXCERPT_LENGTH = 160

/** A short, whitespace-collapsed excerpt of a reply, ending in '…' when cut. */
export function excerptOf(text: string | null | undefined, length = EXCERPT_LENGTH): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim()
  return flat.length > length ? flat.slice(0, length - 1) + '…' : flat
}

/**
 * Builds a {@link JudgeFault}. The glue uses it for `endpoint_error` (the call failed) and `refused`
 * (the endpoint returned a `refusal`); the parser uses it for everything else.
 */
export function judgeFault(kind: JudgeFaultKind, message: string, reply?: string | null): JudgeFault {
  return { kind, message, excerpt: excerptOf(reply) }
}
