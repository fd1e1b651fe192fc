import { objectSlice } from '../util/options.js'

/** Plugin option `reporter`: the evalgate summary printed after the run, beside Vitest's own reporter. */
export interface ReporterOptions {
  /** Print the evalgate summary to the terminal. Default `true`. */
  terminal?: boolean
  /** Write a JSON report of every case and aggregate to this path (relative to the root). `false` = none. Default `false`. */
  json?: string | false
  /** Write a markdown job summary and annotations when `GITHUB_ACTIONS` is set. Default `true`. */
  github?: boolean
  /**
   * Test annotations with the case's evalgate numbers (shown in @vitest/ui and the HTML report beside the
   * test meta): `'failures'` (default) for failed and regressed cases, `'all'` for every case (about 1 ms a
   * test), `'off'`.
   */
  annotations?: 'all' | 'failures' | 'off'
  /**
   * Besides the one-line `evalgate` annotation, one annotation per metric of an annotated case —
   * `evalgate.<metric>` and `evalgate.baseline.<metric>` (plus `evalgate.status`, `evalgate.latency_ms`,
   * `evalgate.tokens`, `evalgate.cost_usd`) — which Vitest's junit reporter writes as one `<property>`
   * each. `'auto'` (default): on when the junit reporter is configured.
   */
  metricAnnotations?: boolean | 'auto'
}

export interface ResolvedReporterOptions {
  terminal: boolean
  json: string | false
  github: boolean
  annotations: 'all' | 'failures' | 'off'
  metricAnnotations: boolean | 'auto'
}

export const reporterSlice = objectSlice<'reporter', ReporterOptions, ResolvedReporterOptions>(
  'reporter',
  { terminal: true, json: false, github: true, annotations: 'failures', metricAnnotations: 'auto' },
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      terminal: { type: 'boolean' },
      json: { anyOf: [{ type: 'string', minLength: 1 }, { const: false }] },
      github: { type: 'boolean' },
      annotations: { enum: ['all', 'failures', 'off'] },
      metricAnnotations: { enum: [true, false, 'auto'] },
    },
  },
)
