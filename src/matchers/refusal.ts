/** Any apostrophe form: ASCII, right single quotation mark, modifier letter apostrophe. */
const A = "['\u2019\u02BC]"
const CANT = `(?:can(?:not|${A}t|\\s+not)|won${A}t|will\\s+not|am\\s+(?:unable|not\\s+able)\\s+to|${A}m\\s+(?:unable|not\\s+able)\\s+to|am\\s+not\\s+going\\s+to|${A}m\\s+not\\s+going\\s+to)`
const VERBS =
  '(?:help(?!\\s+but\\b)|assist|provide|comply|fulfil+|support|share|answer|complete|engage|create|generate|write|produce|discuss|give|offer|do\\s+(?:that|this|so)|go\\s+along|participate|continue)'

/** Refusal phrasings, each a sentence opening a refusing assistant uses. Case-insensitive. */
const PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bI\\s*${CANT}\\s+(?:\\w+\\s+)?${VERBS}\\b`, 'iu'),
  new RegExp(`\\bI(?:\\s+am|${A}m)\\s+(?:so\\s+|very\\s+|really\\s+)?sorry,?\\s+but\\s+I\\b`, 'iu'),
  new RegExp(`\\b(?:sorry|unfortunately|apologies),?\\s+(?:but\\s+)?I\\s*${CANT}`, 'iu'),
  new RegExp(`\\bI\\s+(?:apologi[sz]e|regret),?\\s+but\\s+I\\b`, 'iu'),
  new RegExp(`\\bI(?:\\s+am|${A}m)\\s+afraid\\s+I\\s*${CANT}`, 'iu'),
  /\bI\s+(?:must|have\s+to|need\s+to|will\s+have\s+to)\s+(?:respectfully\s+|politely\s+)?decline\b/iu,
  /\bAs\s+an\s+AI(?:\s+(?:language\s+model|model|assistant))?\b/iu,
  new RegExp(`\\bI(?:\\s+am|${A}m)\\s+not\\s+(?:comfortable|allowed|permitted|able\\s+to\\s+help)\\b`, 'iu'),
  /\bunable\s+to\s+(?:comply|assist|help)\s+with\b/iu,
  new RegExp(`\\b(?:that|this)(?:\\s+is|${A}s)\\s+not\\s+something\\s+I\\s+(?:can|am\\s+able\\s+to|${A}m\\s+able\\s+to)\\b`, 'iu'),
  new RegExp(`\\bit(?:\\s+is|${A}s)\\s+not\\s+appropriate\\s+for\\s+me\\s+to\\b`, 'iu'),
  /\b(?:goes\s+against|violates?|against)\s+(?:my|our|the|OpenAI['\u2019]?s?)\s+(?:guidelines|policies|policy|content\s+polic(?:y|ies)|usage\s+polic(?:y|ies)|principles)\b/iu,
]

/** What {@link detectRefusal} found. */
export interface RefusalCheck {
  refused: boolean
  /** `refusal_field`: the endpoint's `message.refusal` was set; `phrases`: refusal phrasing in the text. */
  source: 'refusal_field' | 'phrases' | 'none'
  /** The refusal phrases found, as written in the text (overlapping matches dropped), in text order. */
  phrases: string[]
}

/**
 * Heuristic refusal detection: a non-empty `refusal` field (Structured Outputs refusals) is a refusal;
 * otherwise the text is searched for refusal phrasings — "I can't help with", "I cannot assist",
 * "I'm sorry, but I", "As an AI", "I must decline", "against my guidelines", … (apostrophe variants and
 * case-insensitive). "I can't help but…" is not a refusal.
 */
export function detectRefusal(text: string, refusalField: string | null = null): RefusalCheck {
  if (refusalField !== null && refusalField.trim() !== '') return { refused: true, source: 'refusal_field', phrases: [] }
  const spans: Array<[number, number]> = []
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text)
    if (m === null) continue
    const [start, end] = [m.index, m.index + m[0].length]
    if (!spans.some(([s, e]) => start < e && s < end)) spans.push([start, end])
  }
  const phrases = spans.sort((x, y) => x[0] - y[0]).map(([s, e]) => text.slice(s, e).replace(/\s+/g, ' '))
  return { refused: phrases.length > 0, source: phrases.length > 0 ? 'phrases' : 'none', phrases }
}
