import { objectSlice } from '../util/options.js'
import { rateKeyProblems } from '../failures/rate-key.js'
import { GATE_DEFAULTS } from './defaults.js'

/** Plugin option `gate`: when the build fails. Per case (tolerance, ratios) and per suite (statistics). */
export interface GateConfig {
  /** Allowed per-case score drop, for all metrics or by metric name (`'*'` = default). Default 0. */
  tolerance?: number | Record<string, number>
  /** Fail a case whose mean latency grows by more than this factor. Off by default. */
  latencyRatio?: number
  /** Same for time to first token. Off by default. */
  ttftRatio?: number
  /** Same for tokens. Off by default. */
  tokensRatio?: number
  /** Same for cost. Off by default. */
  costRatio?: number
  /** One-sided significance level of the suite test. Default 0.05. */
  alpha?: number
  /** Practical margin: drops smaller than this never fail the suite. Default 0.02. */
  margin?: number
  /** Suite test: `'auto'` = exact sign test for 0/1 scores with one trial, else paired t. Default `'auto'`. */
  method?: 'auto' | 't' | 'sign' | 'bootstrap'
  /** Seed for the bootstrap. Default 0. */
  seed?: number
  /** Fail the run (exit code 1) when a suite's verdict is `degraded` or a critical case dropped. Default `true`. */
  failOnDegraded?: boolean
  /**
   * The gated (primary) metrics: only these form the suite gate's Holm family and can fail a suite; other
   * metrics are reported only. Default: every metric (`pass` included).
   */
  metrics?: string[]
  /**
   * Where a case's cluster (cases sharing run-level noise) comes from: `'case'` = the case's `cluster` field
   * (`tagCase({ cluster })`), `'category'` = its category, `'none'` = independent cases. Default `'case'`.
   */
  clusters?: 'case' | 'category' | 'none'
  /**
   * Failure-rate limits, pooled over the run: `kind` or `kind@category` → `{ max }` in (0, 1), e.g.
   * `{ hallucination: { max: 0.005 }, 'refusal@billing': { max: 0.02 } }`. The run fails when a rate is
   * significantly above its limit (exact binomial test at `alpha`, Holm across keys). Off by default.
   */
  failureRates?: Record<string, { max: number }>
}

/** The `gate` option after defaults (the ratios stay optional: off unless set). */
export type ResolvedGateOptions = Required<Omit<GateConfig, 'latencyRatio' | 'ttftRatio' | 'tokensRatio' | 'costRatio' | 'metrics' | 'failureRates'>> &
  Pick<GateConfig, 'latencyRatio' | 'ttftRatio' | 'tokensRatio' | 'costRatio' | 'metrics' | 'failureRates'>

const gateObject = objectSlice<'gate', GateConfig, ResolvedGateOptions>(
  'gate',
  {
    tolerance: GATE_DEFAULTS.tolerance,
    alpha: GATE_DEFAULTS.alpha,
    margin: GATE_DEFAULTS.margin,
    method: GATE_DEFAULTS.method,
    seed: GATE_DEFAULTS.seed,
    failOnDegraded: GATE_DEFAULTS.failOnDegraded,
    clusters: GATE_DEFAULTS.clusters,
  },
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      tolerance: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'object', additionalProperties: { type: 'number', minimum: 0 } }] },
      latencyRatio: { type: 'number', exclusiveMinimum: 0 },
      ttftRatio: { type: 'number', exclusiveMinimum: 0 },
      tokensRatio: { type: 'number', exclusiveMinimum: 0 },
      costRatio: { type: 'number', exclusiveMinimum: 0 },
      alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5 },
      margin: { type: 'number', minimum: 0, maximum: 1 },
      method: { enum: ['auto', 't', 'sign', 'bootstrap'] },
      seed: { type: 'integer' },
      failOnDegraded: { type: 'boolean' },
      metrics: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
      clusters: { enum: ['case', 'category', 'none'] },
      failureRates: {
        type: 'object',
        additionalProperties: { type: 'object', additionalProperties: false, required: ['max'], properties: { max: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
      },
    },
  },
)

/** Plugin option `gate`; failure-rate keys must name a known kind (the schema checks their values). */
export const gateSlice: typeof gateObject = {
  ...gateObject,
  resolve(given) {
    const problems = rateKeyProblems(given?.failureRates)
    if (problems.length) throw new Error(`evalgate: invalid plugin options:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    return gateObject.resolve(given)
  },
}
