/**
 * The suite gate: pure evaluation of a finished run (per test module: paired comparison per metric with
 * Holm across metrics, critical cases, categories, consistency, operational numbers, worst drops, what
 * changed). Knows nothing of Vitest; the reporter builds its input from `testModules`.
 */
export { evaluateRun, gateSettings } from './run.js'
export { evaluateSuite, suiteId, degradedReason } from './suite.js'
export { gateMetrics, gateCases, suiteMetrics, suiteVerdict, trialScores } from './metrics.js'
export { caseResults, worstDrop, hasData } from './cases.js'
export { operationalStats } from './operational.js'
export type {
  CaseDrop,
  CaseResult,
  CategoryGate,
  CriticalRegression,
  GateSettings,
  MetricGate,
  OperationalStats,
  Rate,
  RunEvaluation,
  SuiteEvaluation,
  SuiteInput,
  SuiteVerdict,
  TestInput,
} from './types.js'
