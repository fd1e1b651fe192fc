import { stableHash } from '../util/stable.js'

/**
 * A seeded, order-independent random rank for an id: hex of sha256([seed, id]). Taking the lowest
 * ranks is a uniform random sample that depends only on the seed and the ids, not on input order.
 */
export function rankKey(seed: number | string, id: string): string {
  return stableHash([seed, id], 16)
}
