/** Multiple-testing control for gates that test several metrics (or categories) at once. */

/**
 * Holm–Bonferroni adjusted p-values, in the input order. With p-values sorted ascending
 * p(1) ≤ … ≤ p(m), adj(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)). Rejecting every hypothesis
 * with adj ≤ α controls the family-wise error rate at α. Ties keep input order; [] gives [].
 * Example: [0.01, 0.04, 0.03] → [0.03, 0.06, 0.06].
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`holmAdjust: p-values must be within 0..1, got ${p}`)
  }
  const m = pValues.length
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i)
  const adjusted = new Array<number>(m).fill(1)
  let running = 0
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    adjusted[i] = running
  })
  return adjusted
}

/** Which hypotheses Holm's step-down procedure rejects at family-wise level `alpha` (default 0.05). */
export function holmReject(pValues: readonly number[], alpha = 0.05): boolean[] {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`holmReject: alpha must be within (0, 1), got ${alpha}`)
  return holmAdjust(pValues).map((p) => p <= alpha)
}
