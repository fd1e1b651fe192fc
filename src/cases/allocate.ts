import { stableHash } from '../util/stable.js'

/** One stratum for allocation. */
export interface Stratum {
  name: string
  /** Size of the stratum in the population; seats are shared in proportion to it. */
  weight: number
  /** Most seats it can take (how many items it can supply). */
  capacity: number
  /** Seats it already holds (e.g. cases selected for other reasons); default 0. */
  initial?: number
}

/**
 * Yields stratum names, one per seat, in the order seats are handed out: first one seat to every
 * stratum that holds none (largest first), then by the Sainte-Laguë divisor method (next seat to the
 * largest weight / (seats + 0.5)). Taking the first n seats gives a proportional allocation with at
 * least one per stratum when n allows; unlike largest-remainder methods it never takes a seat away
 * when n grows, so callers can stop at any point (e.g. when a time budget runs out). Ties break by name.
 */
export function* seatOrder(strata: readonly Stratum[]): Generator<string> {
  const held = new Map(strata.map((s) => [s.name, s.initial ?? 0]))
  const ordered = [...strata].sort((a, b) => b.weight - a.weight || compare(a.name, b.name))
  for (const stratum of ordered) {
    if ((held.get(stratum.name) ?? 0) === 0 && stratum.capacity > 0) {
      held.set(stratum.name, 1)
      yield stratum.name
    }
  }
  for (;;) {
    let best: Stratum | undefined
    let bestPriority = -Infinity
    for (const stratum of ordered) {
      const seats = held.get(stratum.name) ?? 0
      if (seats >= stratum.capacity) continue
      const priority = stratum.weight / (seats + 0.5)
      if (priority > bestPriority) {
        best = stratum
        bestPriority = priority
      }
    }
    if (best === undefined) return
    held.set(best.name, (held.get(best.name) ?? 0) + 1)
    yield best.name
  }
}

/** Seats per stratum for the first `seats` seats of {@link seatOrder} (fewer if capacity runs out). */
export function allocate(strata: readonly Stratum[], seats: number): Map<string, number> {
  const counts = new Map(strata.map((s) => [s.name, 0]))
  if (seats <= 0) return counts
  let given = 0
  for (const name of seatOrder(strata)) {
    counts.set(name, (counts.get(name) ?? 0) + 1)
    if (++given >= seats) break
  }
  return counts
}

/** Code-point string order, independent of locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A seeded, order-independent random rank for an id: hex of sha256([seed, id]). Taking the lowest
 * ranks is a uniform random sample that depends only on the seed and the ids, not on input order.
 */
export function rankKey(seed: number | string, id: string): string {
  return stableHash([seed, id], 16)
}
