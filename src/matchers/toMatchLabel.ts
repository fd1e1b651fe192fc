import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { matchLabel, normalizeLabel } from './label.js'
import { receivedText } from './received.js'

const NAME = 'toMatchLabel'

function expectedLabels(expected: unknown): string[] {
  const list = Array.isArray(expected) ? (expected as unknown[]) : [expected]
  if (list.length === 0) throw new MatcherUsageError(`${NAME}: expected labels must not be empty`)
  return list.map((label, i) => {
    const where = Array.isArray(expected) ? `expected[${i}]` : 'expected'
    if (typeof label !== 'string') throw new MatcherUsageError(`${NAME}: ${where} must be a string, got ${label === null ? 'null' : typeof label}`)
    if (normalizeLabel(label) === '') throw new MatcherUsageError(`${NAME}: ${where} is empty after normalisation (${JSON.stringify(label)})`)
    return label
  })
}

/**
 * `expect(output).toMatchLabel('billing' | ['billing', 'refund'])`: a classification output equals the
 * expected label (any of them, for an array) after normalisation — case-insensitive, whitespace collapsed,
 * punctuation and quotes stripped from the ends (`"Billing."` matches `billing`). Score 1 or 0.
 * Received: a string, a chat completion or a chat message.
 */
export function toMatchLabel(this: MatcherContext, received: unknown, expected: string | readonly string[]): MatcherResult {
  const labels = expectedLabels(expected)
  const { text } = receivedText(NAME, received)
  const matched = matchLabel(text, labels)
  const pass = matched !== undefined
  const normalized = normalizeLabel(text)
  recordMatcher(this, { matcher: NAME, pass, score: pass ? 1 : 0, details: { expected: labels, received: normalized, ...(pass ? { matched } : {}) } })
  const shown = labels.length === 1 ? JSON.stringify(normalizeLabel(labels[0] as string)) : `one of ${labels.map((l) => JSON.stringify(normalizeLabel(l))).join(', ')}`
  return {
    pass,
    message: () =>
      [
        hint(this, NAME, 'label'),
        '',
        `expected label: ${this.isNot ? 'not ' : ''}${shown}`,
        `received label: ${JSON.stringify(normalized)}${normalized !== text ? ` (from ${JSON.stringify(text.length > 120 ? `${text.slice(0, 119)}…` : text)})` : ''}`,
        `score: ${pass ? 1 : 0} (labels are compared case-insensitively, whitespace collapsed, punctuation and quotes stripped from the ends)`,
      ].join('\n'),
  }
}
