// Kept apart from decide.ts (which loads the statistics) so the plugin's config-time `gate` slice stays lean.
/**
 * Every default of the gate, in one place: the `gate` option slice (gate/options.ts), `gateSuite` (decide.ts),
 * the per-metric and run evaluation (metrics.ts, suite.ts, run.ts) read them from here.
 */
export const GATE_DEFAULTS = {
  tolerance: 0,
  alpha: 0.05,
  margin: 0.02,
  method: 'auto' as 'auto' | 't' | 'sign' | 'bootstrap',
  seed: 0,
  failOnDegraded: true,
  clusters: 'case' as 'case' | 'category' | 'none',
  resamples: 2000,
  power: 0.8,
  instabilityThreshold: 0.05,
  worstCases: 5,
} as const
