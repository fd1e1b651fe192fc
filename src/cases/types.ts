/** One weighted rubric criterion, for judge-graded cases. */
export interface RubricCriterion {
  /** What the judge checks, in plain words. */
  criterion: string
  /** Relative weight of this criterion (> 0); defaults to 1 where weights matter. */
  weight?: number
  /** When true, failing this criterion fails the case whatever the other criteria score. */
  critical?: boolean
}

/** A rubric: plain criteria, weighted criteria, or a mix of both. */
export type Rubric = Array<string | RubricCriterion>

/** Where a case came from: the file and 1-based line it was read from. */
export interface CaseSource {
  file: string
  line: number
}

/**
 * One eval case. `Input` and `Expected` let a suite type its cases
 * (`loadCases<{ question: string }, string>(...)`); the loader checks the shape of the common
 * fields only, so pair the generics with a `validate` hook when the types matter at run time.
 */
export interface EvalCase<Input = unknown, Expected = unknown> {
  /** Unique within its eval set. Numbers in case files are turned into strings. */
  id: string
  /** What the system under test receives: text, an object, or a list (e.g. chat messages). */
  input: Input
  /** The reference answer or structure, when the case has one (any JSON value). */
  expected?: Expected
  rubric?: Rubric
  category?: string
  tags?: string[]
  /** Relative weight of the case in aggregate scores (> 0). */
  weight?: number
  /** Critical cases are always run, and failing one fails the gate. */
  critical?: boolean
  /** Cases sharing run-level noise (same document, conversation…) share a cluster: the suite gate uses a cluster-robust SE. */
  cluster?: string
  /** Every other field of the record. The loader always sets it (possibly to `{}`). */
  metadata?: Record<string, unknown>
  /** Set by the loaders; absent on cases built in code. */
  source?: CaseSource
}

/** Case file formats `loadCases` reads. */
export type CaseFormat = 'jsonl' | 'json' | 'csv'

/** One production log record, e.g. `{ prompt, response, task_type, input_tokens, ... }`. */
export type LogEntry = Record<string, unknown>

/** Category used for cases and log entries that have none. */
export const UNCATEGORIZED = 'uncategorized'
