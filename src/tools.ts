/**
 * `evalgate/tools`: offline tooling over eval sets, caches, reports and the gate's statistics (what the
 * `evalgate` CLI is built on). Loads no Vitest. The test-time API is the package root (`evalgate`).
 */
export { loadCases, CaseFileError, formatIssue, readLogEntries, logsToCases, stratifiedSample, stratifiedSampleStream } from './cases/index.js'
export { selectSubset, toSubsetFile, writeSubset, readSubset, casesInSubset } from './cases/index.js'
export type {
  CaseIssue, CaseHistory, CaseHistoryEntry, EvalCase, LoadCasesOptions, LogEntry, LogsToCasesOptions, ReadLogOptions,
  SelectionReason, SelectSubsetOptions, StratifiedSampleOptions, SubsetBudget, SubsetFile, SubsetResult,
} from './cases/index.js'
export { CACHE_MODES, CACHE_FORMAT } from './measure/cache/types.js'
export type { CacheMode, CacheEntry, CacheRequest, CachedResponse, RecordedTiming } from './measure/cache/types.js'
export { scanCache, removeEntries, type ScannedEntry } from './measure/cache/scan.js'
export { percentile, nearestRank, summarize } from './stats/percentile.js'
export type { Distribution } from './stats/percentile.js'
export { simulateGate, simulateSuite, powerTable, powerTableMarkdown } from './gate/simulate.js'
export type { SimulationOptions, SimulationResult, SuiteModel, PowerTableOptions, PowerTableRow } from './gate/simulate.js'
export type { JsonReport } from './report/json.js'
