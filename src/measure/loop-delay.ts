import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { LoopDelay } from './saturation.js'
import { round2 } from '../util/round.js'

/** Sampling interval of the event-loop delay monitor (ms). */
export const LOOP_DELAY_RESOLUTION_MS = 10

/**
 * Starts measuring this thread's event-loop delay (node:perf_hooks `monitorEventLoopDelay`); the returned
 * `stop()` ends it and gives the delay beyond the sampling interval, or null when no sample was taken
 * (a run shorter than the interval). Resolves after the monitor's first tick: the monitor does not count
 * the interval before it, so a loop blocked at once (the first burst of calls) would go unseen.
 */
export async function startLoopDelay(): Promise<{ stop(): LoopDelay | null }> {
  const h = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS })
  h.enable()
  await new Promise((resolve) => setTimeout(resolve, LOOP_DELAY_RESOLUTION_MS + 1))
  return {
    stop() {
      h.disable()
      // Each sample is the time between two ticks of a timer due every LOOP_DELAY_RESOLUTION_MS: the delay is the excess.
      const ms = (ns: number) => round2(Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS))
      const samples = h.count
      if (!samples) return null
      return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), meanMs: ms(h.mean), samples }
    },
  }
}
