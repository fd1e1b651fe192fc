/**
 * Eval sets: load and validate case files (JSONL, JSON, CSV), sample production logs into cases,
 * and select a fast regression subset within a budget.
 */
export type { CaseFormat, CaseSource, EvalCase, LogEntry, Rubric, RubricCriterion } from './types.js'
export { UNCATEGORIZED } from './types.js'
export { CaseFileError, formatIssue, type CaseIssue } from './errors.js'
export { loadCases, type LoadCasesOptions } from './load/load.js'
export type { CaseFilters } from './load/filter.js'
export type { IdSource } from './load/normalize.js'
export { detectFormat } from './load/filter.js'
export { readLogEntries, type ReadLogOptions } from './sample/logs.js'
export type { LogFieldOptions } from './sample/logs.js'
export { stratifiedSample, stratifiedSampleStream, type StratifiedSampleOptions } from './sample/stratified.js'
export { logsToCases, type LogsToCasesOptions } from './sample/logs.js'
export { sampleForEval, sampleScore, shouldSample, type SampleForEvalOptions } from './sample/continuous.js'
export { selectSubset, type SelectionReason, type SelectSubsetOptions, type SubsetResult } from './subset/select.js'
export type { SubsetBudget } from './subset/budget.js'
export type { CaseHistory, CaseHistoryEntry } from './subset/history.js'
export { casesInSubset, readSubset, toSubsetFile, writeSubset, type SubsetFile } from './subset/file.js'
