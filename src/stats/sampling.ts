/** Seeded random variates beyond the uniform and normal ones in rng.ts: gamma, beta, Bernoulli. */
import { normal, type Rng } from './rng.js'

/** Gamma(shape, 1) variate (Marsaglia–Tsang; shape < 1 via the U^(1/shape) boost). shape > 0. */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0 && Number.isFinite(shape))) throw new RangeError(`gamma: shape must be finite and > 0, got ${shape}`)
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal(rng)
    let v = 1 + c * x
    if (v <= 0) continue
    v = v * v * v
    const u = 1 - rng()
    if (u < 1 - 0.0331 * x * x * x * x) return d * v
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
  }
}

/** Beta(a, b) variate as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). a, b > 0. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a)
  const y = gamma(rng, b)
  // Both can underflow to 0 for tiny shapes; then the draw is all-or-nothing in proportion a : b.
  if (x + y === 0) return rng() < a / (a + b) ? 1 : 0
  return x / (x + y)
}

/**
 * Per-case latent rate with mean `mean` and intra-case correlation `correlation` (ρ): a
 * Beta(μ(1−ρ)/ρ, (1−μ)(1−ρ)/ρ) draw, whose Bernoulli trials have intra-class correlation ρ.
 * ρ = 0 gives every case the rate μ; ρ = 1 makes each case always pass or always fail.
 */
export function latentRate(rng: Rng, mean: number, correlation: number): number {
  if (!(mean >= 0 && mean <= 1)) throw new RangeError(`latentRate: mean must be within 0..1, got ${mean}`)
  if (!(correlation >= 0 && correlation <= 1)) throw new RangeError(`latentRate: correlation must be within 0..1, got ${correlation}`)
  if (correlation === 0 || mean === 0 || mean === 1) return mean
  if (correlation === 1) return rng() < mean ? 1 : 0
  const scale = (1 - correlation) / correlation
  return beta(rng, mean * scale, (1 - mean) * scale)
}

/** 1 with probability p, else 0. */
export function bernoulli(rng: Rng, p: number): 0 | 1 {
  return rng() < p ? 1 : 0
}
