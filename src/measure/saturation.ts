/**
 * Client saturation: when the process driving a load run is itself the bottleneck, its timestamps are late
 * (bytes that arrived wait in the socket until the event loop gets to them) and the reported latency is the
 * client's, not the endpoint's. Pure: the rule and its threshold, fed with a measured event-loop delay.
 */
import { round2 } from '../util/round.js'

/** Event-loop delay during a load run, in ms beyond the monitor's sampling interval. */
export interface LoopDelay {
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  /** How many delay samples the monitor took. */
  samples: number
}

/** The load run's client fell behind: its timings are inflated by up to about `loopDelayP99Ms`. */
export interface ClientSaturation {
  /** Event-loop delay p99 during the run (ms). */
  loopDelayP99Ms: number
  /** The threshold it exceeded (ms): max({@link SATURATION_RULE}.minMs, share × referenceMs). */
  thresholdMs: number
  /** The latency the threshold is relative to: the TTFT p50 (streams) or the total latency p50 (ms). */
  referenceMs: number
  /** One line for messages and reports. */
  message: string
}

/**
 * The rule: the client is saturated when the event-loop delay p99 during the run exceeds 5% of the
 * reported TTFT p50 (total-latency p50 when nothing streamed), and at least 10 ms. A loop late by d ms
 * takes each timestamp up to d ms late, and a call's latency rests on two of them (the request leaving,
 * the bytes read), so below the threshold the reported p50 is within about 10% (2 × 5%) of what the
 * endpoint did; the 10 ms floor keeps a healthy process (timer jitter, a GC pause) quiet.
 */
export const SATURATION_RULE = { share: 0.05, minMs: 10 } as const

/** The saturation verdict of a run, or null when the client kept up (or nothing was measured). */
export function detectSaturation(loop: LoopDelay | null, referenceMs: number | null): ClientSaturation | null {
  if (loop === null || loop.samples === 0) return null
  const reference = referenceMs !== null && Number.isFinite(referenceMs) && referenceMs > 0 ? referenceMs : 0
  const thresholdMs = round2(Math.max(SATURATION_RULE.minMs, SATURATION_RULE.share * reference))
  if (!(loop.p99Ms > thresholdMs)) return null
  return {
    loopDelayP99Ms: loop.p99Ms,
    thresholdMs,
    referenceMs: round2(reference),
    message:
      `clientSaturation: the event loop of the process driving the load was late by up to ${loop.p99Ms} ms (p99; ` +
      `threshold ${thresholdMs} ms = max(${SATURATION_RULE.minMs} ms, ${SATURATION_RULE.share * 100}% of the p50 ${round2(reference)} ms)), ` +
      'so the client, not the endpoint, set part of these timings; lower the concurrency or drive the load from more processes',
  }
}
