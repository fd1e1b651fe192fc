/** Punctuation (any script), quotes, backticks and whitespace that may surround a label. */
const EDGES = /^[\s\p{P}`]+|[\s\p{P}`]+$/gu

/**
 * Normalises a classification label for comparison: Unicode NFKC, lower case, whitespace runs collapsed
 * to one space, and punctuation, quotes and backticks stripped from both ends (`"Billing."` → `billing`,
 * `**Refund request**` → `refund request`). Inner punctuation is kept (`re-open` stays `re-open`).
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(EDGES, '')
}

/** The first expected label equal to `received` after {@link normalizeLabel}, or undefined. */
export function matchLabel(received: string, expected: readonly string[]): string | undefined {
  const got = normalizeLabel(received)
  return expected.find((label) => normalizeLabel(label) === got)
}
