/** Argument checks shared by the statistics engine: bad input fails loudly instead of yielding NaN. */

/** Throws unless 0 < alpha < 0.5 (a one-sided level; 0.5 and above make no sense for a gate). */
export function assertAlpha(alpha: number, where: string): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`${where}: alpha must be within (0, 0.5), got ${alpha}`)
}

/** Throws unless the non-inferiority margin is a finite number ≥ 0. */
export function assertMargin(margin: number, where: string): void {
  if (!(margin >= 0 && Number.isFinite(margin))) throw new RangeError(`${where}: margin must be a finite number >= 0, got ${margin}`)
}

/** Throws unless every value is a finite number. */
export function assertFinite(values: readonly number[], where: string): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${where}: values must be finite numbers, got ${v}`)
  }
}

/** Throws unless two paired samples have the same length. */
export function assertPaired(a: readonly unknown[], b: readonly unknown[], where: string): void {
  if (a.length !== b.length) throw new RangeError(`${where}: paired samples differ in length (${a.length} vs ${b.length})`)
}
