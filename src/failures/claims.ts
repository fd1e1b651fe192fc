/**
 * Claims of an output for the groundedness check: its sentences (split after `.`, `!`, `?` followed by
 * white space, and at line breaks), trimmed, empty ones dropped. Deterministic, so the judge request (and
 * its cache key) is stable. Labelled `[S1]`, `[S2]`, … in the OUTPUT block the judge reads.
 */
export const MAX_CLAIMS = 40

export function splitClaims(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
}

/** The output as the judge sees it: one labelled claim per line. */
export function labelClaims(claims: readonly string[]): string {
  return claims.map((c, i) => `[S${i + 1}] ${c}`).join('\n')
}

/** The criterion asking about claim i (0-based): its text never contains the (untrusted) output. */
export function claimCriterion(i: number): string {
  return `Claim [S${i + 1}] of the OUTPUT is fully supported by the CONTEXT (nothing in it is absent from or contradicted by the CONTEXT)`
}
