/**
 * A small seeded pseudo-random generator (mulberry32). Everything in evalgate that samples —
 * simulated latency, bootstrap resampling, eval-set sampling — takes a seed so runs are repeatable.
 */
export type Rng = () => number

/** Returns a function yielding uniform numbers in [0, 1), fully determined by `seed`. */
export function createRng(seed: number | string): Rng {
  let a = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed)
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal deviate (Box–Muller) from a seeded generator. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  let u = 0
  while (u === 0) u = rng()
  const v = rng()
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

function hashSeed(text: string): number {
  // FNV-1a, 32 bit: turns a string seed into a 32-bit state.
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
