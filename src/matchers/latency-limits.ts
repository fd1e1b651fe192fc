import { summarize, type Distribution } from '../stats/percentile.js'

export type LatencyMetric = 'total' | 'ttft'

/** Upper limits in milliseconds on a latency distribution; at least one is required. */
export interface LatencyLimits {
  p50?: number
  p95?: number
  p99?: number
  max?: number
  /** Which latency to judge: whole-call time (default) or time to first token (streams). */
  metric?: LatencyMetric
  /**
   * Largest share of failed calls (0..1) tolerated; more fails the assertion, with or without `.not`.
   * Default 0: any failed call fails it. Failed calls never count in the distribution.
   */
  maxFailureRate?: number
}

export type LimitStat = 'p50' | 'p95' | 'p99' | 'max'
const STATS: readonly LimitStat[] = ['p50', 'p95', 'p99', 'max']

export interface Violation {
  stat: LimitStat
  value: number
  limit: number
}

export interface LatencyCheck {
  pass: boolean
  metric: LatencyMetric
  distribution: Distribution
  /** Every limit given, with the observed value, in p50, p95, p99, max order. */
  compared: Violation[]
  violations: Violation[]
}

/** Validates limits; returns a description of what is wrong, or undefined when they are usable. */
export function limitsProblem(limits: unknown, extraKeys: readonly string[] = []): string | undefined {
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) {
    return `limits must be an object like { p95: 500 }, got ${limits === null ? 'null' : Array.isArray(limits) ? 'an array' : typeof limits}`
  }
  const l = limits as Record<string, unknown>
  for (const key of Object.keys(l)) {
    if (!(STATS as readonly string[]).includes(key) && key !== 'metric' && key !== 'maxFailureRate' && !extraKeys.includes(key)) {
      return `unknown option "${key}" (known: ${[...STATS, 'metric', 'maxFailureRate', ...extraKeys].join(', ')})`
    }
  }
  for (const stat of STATS) {
    const v = l[stat]
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      return `limit "${stat}" must be a non-negative number of milliseconds, got ${JSON.stringify(v)}`
    }
  }
  const rate = l.maxFailureRate
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
    return `maxFailureRate must be a number between 0 and 1, got ${JSON.stringify(rate)}`
  }
  if (!STATS.some((s) => l[s] !== undefined)) return 'give at least one of p50, p95, p99, max (milliseconds)'
  if (l.metric !== undefined && l.metric !== 'total' && l.metric !== 'ttft') {
    return `metric must be "total" or "ttft", got ${JSON.stringify(l.metric)}`
  }
  return undefined
}

/** Compares the nearest-rank percentiles of `samples` (ms) with the limits. */
export function checkLatency(samples: readonly number[], limits: LatencyLimits): LatencyCheck {
  const distribution = summarize(samples)
  const compared: Violation[] = []
  for (const stat of STATS) {
    const limit = limits[stat]
    if (limit !== undefined) compared.push({ stat, value: distribution[stat], limit })
  }
  const violations = compared.filter((c) => c.value > c.limit)
  return { pass: violations.length === 0, metric: limits.metric ?? 'total', distribution, compared, violations }
}

/** `n=200 p50=101 p95=140 p99=180 max=210 ms` */
export function formatDistribution(d: Distribution, unit = 'ms'): string {
  const f = (x: number) => (Math.round(x * 10) / 10).toString()
  return `n=${d.n} p50=${f(d.p50)} p95=${f(d.p95)} p99=${f(d.p99)} max=${f(d.max)} ${unit}`
}
