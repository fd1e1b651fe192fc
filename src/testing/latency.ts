/**
 * Latency sampling: turns a {@link LatencySpec} into a seeded sampler, and abortable sleeping.
 */
import { createRng, normal, type Rng } from '../stats/rng.js'
import type { LatencySpec } from './types.js'

/** Returns a function drawing delays (ms, >= 0) for `spec` from `rng`; undefined spec always gives 0. */
export function createLatencySampler(spec: LatencySpec | undefined, rng: Rng): () => number {
  if (spec === undefined) return () => 0
  if (typeof spec === 'number') {
    const ms = clamp(spec)
    return () => ms
  }
  if ('samples' in spec) {
    const samples = spec.samples.map(clamp)
    if (samples.length === 0) return () => 0
    return () => samples[Math.floor(rng() * samples.length)] ?? 0
  }
  if ('min' in spec) {
    const lo = Math.min(spec.min, spec.max)
    const hi = Math.max(spec.min, spec.max)
    return () => clamp(lo + rng() * (hi - lo))
  }
  return () => clamp(normal(rng, spec.mean, spec.sd))
}

/** The latency and ttft samplers of one server, each on its own seeded stream. */
export interface LatencySamplers {
  latency: () => number
  ttft: (() => number) | undefined
}

/** Builds both samplers from the options; the same seed always yields the same sequences. */
export function createSamplers(latency: LatencySpec | undefined, ttft: LatencySpec | undefined, seed: number | string): LatencySamplers {
  return {
    latency: createLatencySampler(latency, createRng(`${seed}:latency`)),
    ttft: ttft === undefined ? undefined : createLatencySampler(ttft, createRng(`${seed}:ttft`)),
  }
}

/** Sleeps `ms`; resolves early (to false) when `signal` aborts, else to true. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false)
  if (ms <= 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function clamp(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0
}
