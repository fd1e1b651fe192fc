/**
 * Model selection (issue 12): the shape of the `candidates` and `compare` plugin options and of the
 * comparison report. Plain data only (options travel to workers through Vitest's provide/inject).
 */

/** Prices of a candidate: per one million tokens (API), or per hour of hardware (self-hosted). */
export interface CandidatePricing {
  /** USD per one million prompt tokens. */
  input?: number
  /** USD per one million completion tokens. */
  output?: number
  /** USD per hour of the hardware serving the model; cost = hourly ÷ measured throughput. */
  hourly?: number
}

/** One model endpoint to compare. */
export interface CandidateConfig {
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080/v1`. */
  baseURL: string
  /** Model id sent in requests. */
  model: string
  /** API key (never written to a report, a snapshot or task meta). Default `'none'`. */
  apiKey?: string
  /** Request parameters the test passes on (`temperature` defaults to 0 for comparisons). */
  params?: Record<string, string | number | boolean | null>
  pricing?: CandidatePricing
}

/** A hard constraint: a candidate that misses one is disqualified. */
export interface ThresholdRule {
  /** The value must be ≤ this. */
  max?: number
  /** The value must be ≥ this. */
  min?: number
  /** The value must be ≥ this share of the reference's value (e.g. accuracy `minRatio: 0.7`). */
  minRatio?: number
  /** The value must be ≤ this multiple of the reference's value. */
  maxRatio?: number
  /** For `failures.*` keys: the failure rate must be ≤ this. */
  maxRate?: number
}

/** A weighted decision dimension: metrics and/or categories, scored 0–10. */
export interface DimensionConfig {
  weight: number
  /** Metric keys: a score metric (`accuracy`), `latency.p95`, `ttft.p95`, `tokensPerSecond`, `cost.per1k`, `failures.rate`. */
  metrics?: string[]
  /** Categories whose quality (mean of `compare.metric`) counts towards this dimension. */
  categories?: string[]
}

export type Preference = 'latency' | 'failures' | 'cost'

/** Settings of the head-to-head comparison and the decision. */
export interface CompareConfig {
  /** The candidate the others are compared with. Default: the first candidate. */
  reference?: string
  /** The quality metric used for categories, quality-per-dollar and the headline. Default `'pass'`. */
  metric?: string
  /** Hard constraints by key (see {@link DimensionConfig.metrics}; `failures.<kind>` reads failure rates). */
  thresholds?: Record<string, ThresholdRule>
  /** Weighted dimensions. Default: quality 0.5 (every score metric), efficiency 0.25 (latency.p95, tokensPerSecond), failures 0.25 (failures.rate). */
  dimensions?: Record<string, DimensionConfig>
  /** Totals within this many points (of 10) are a virtual tie. Default 0.3. */
  tieWithin?: number
  /** What breaks a virtual tie. Default: none (the tie is reported and the reference kept). */
  prefer?: Preference
  /** JSON comparison report path (relative to the root). Default `'.evalgate/compare.json'`. */
  json?: string | false
  /** Self-contained HTML comparison report path. Default `'.evalgate/compare.html'`. */
  html?: string | false
  /** Underperforming cases listed per candidate. Default 20. */
  worstCases?: number
}

export interface ResolvedCompare {
  reference: string
  metric: string
  thresholds: Record<string, ThresholdRule>
  dimensions: Record<string, DimensionConfig>
  tieWithin: number
  prefer?: Preference
  json: string | false
  html: string | false
  worstCases: number
}

export const DEFAULT_DIMENSIONS: Record<string, DimensionConfig> = {
  quality: { weight: 0.5, metrics: ['*'] },
  efficiency: { weight: 0.25, metrics: ['latency.p95', 'tokensPerSecond'] },
  failures: { weight: 0.25, metrics: ['failures.rate'] },
}

/** What a worker's `candidate()` receives for its project (the key stays in the worker, never in meta). */
export interface ProvidedCandidate {
  name: string
  baseURL: string
  model: string
  apiKey: string
  params: Record<string, string | number | boolean | null>
}
