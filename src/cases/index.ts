/**
 * Eval sets: load and validate case files (JSONL, JSON, CSV), sample production logs into cases,
 * and select a fast regression subset within a budget.
 */
export type { CaseFormat, CaseSource, EvalCase, LogEntry, Rubric, RubricCriterion } from './types.js'
export { UNCATEGORIZED } from './types.js'
export { CaseFileError, formatIssue, type CaseIssue } from './errors.js'
export { loadCases, type LoadCasesOptions } from './load.js'
export type { CaseFilters } from './filter.js'
export type { IdSource } from './normalize.js'
export { detectFormat } from './format.js'
export { readLogEntries, type ReadLogOptions } from './read-logs.js'
export type { LogFieldOptions } from './log-fields.js'
export { stratifiedSample, stratifiedSampleStream, type StratifiedSampleOptions } from './sample.js'
export { logsToCases, type LogsToCasesOptions } from './log-cases.js'
export { sampleForEval, sampleScore, shouldSample, type SampleForEvalOptions } from './sample-continuous.js'
export { selectSubset, type SelectionReason, type SelectSubsetOptions, type SubsetResult } from './select.js'
export type { SubsetBudget } from './budget.js'
export type { CaseHistory, CaseHistoryEntry } from './history.js'
export { casesInSubset, readSubset, toSubsetFile, writeSubset, type SubsetFile } from './subset-file.js'
