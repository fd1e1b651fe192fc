/**
 * The baseline data model. A baseline file (one per test file, under `snapshots/`) maps each test case to
 * what it measured when the baseline was accepted; candidates are compared with it case by case.
 */

/** What produced a baseline: declared by the app with `fingerprint()`, plus what evalgate saw itself. */
export interface Fingerprint {
  /** Prompt template name → short hash of its text. */
  prompts: Record<string, string>
  /** Model ids seen in measured calls (sorted), plus declared ones. */
  models: string[]
  /** Judge model ids seen in judge calls (sorted). */
  judgeModels: string[]
  /** Judge prompt versions used (sorted). */
  judgePromptVersions: string[]
  /** Retrieval configuration (free-form, stable-hashed for comparison) — its hash, or null. */
  retrieval: string | null
  /** Anything else the app declared (name → short hash). */
  other: Record<string, string>
}

/** One case in a baseline file, or the candidate record of a case in this run. */
export interface CaseRecord {
  category?: string
  critical?: boolean
  /** Metric name → mean score in [0, 1] over trials. Always has `pass` (1 when the test passed). */
  scores: Record<string, number>
  /** Metric name → per-trial scores, only when a case ran more than one trial. */
  trials?: Record<string, number[]>
  /** How many trials (runs) the record came from, when more than one. */
  trialCount?: number
  /** Cluster of the case (cases sharing run-level noise: same document, conversation…), for the suite gate's cluster-robust SE. */
  cluster?: string
  /** Mean whole-call latency of the case's live model calls (ms), or null when none. */
  latencyMs: number | null
  /** Mean time to first token of streamed live calls (ms), or null. */
  ttftMs: number | null
  /** Tokens used by the case's model calls (prompt + completion), judge excluded. */
  tokens: number | null
  /** Cost in USD of the case's calls (model + judge) from the `pricing` option, or null without prices. */
  costUsd: number | null
  /** Short hash of the case's model outputs (order-stable), to tell "same output" from "changed". */
  outputHash: string | null
}

export interface BaselineFile {
  version: 1
  /** Test file path relative to the project root, with forward slashes. */
  file: string
  fingerprint: Fingerprint
  /** Case key (project-qualified full test name) → record. */
  cases: Record<string, CaseRecord>
}

/** One way a case is worse than its baseline. */
export interface Regression {
  metric: string
  baseline: number
  current: number
  /** current − baseline for scores; current / baseline for ratio metrics. */
  delta: number
  kind: 'score' | 'ratio' | 'missing'
  /** The tolerance or ratio limit that was exceeded. */
  limit: number
  /**
   * Which per-case rule failed it (score regressions): `exact` (deterministic case: all trials agree, the
   * mean fell by more than the tolerance) or `trial-test` (noisy critical case: exact one-sided test on its
   * trials, p ≤ α).
   */
  rule?: 'exact' | 'trial-test'
  /** The trial test's p-value (rule `trial-test`). */
  pValue?: number
}

/** What happened to a case's baseline in this run (worker side, carried in the test's meta). */
export type BaselineStatus = 'matched' | 'regressed' | 'written' | 'updated' | 'missing' | 'unchanged-failed'

/** The per-test baseline outcome the worker leaves in `task.meta.evalgate.baseline` for the reporter. */
export interface CaseBaselineMeta {
  key: string
  status: BaselineStatus
  /** The baseline entry compared against (before any update in this run), or null when there was none. */
  baseline: CaseRecord | null
  current: CaseRecord
  regressions: Regression[]
  /** Metrics whose trials disagree (noisy): not compared per case, left to the suite gate. */
  noisy?: string[]
}

/** File-level outcome (in the test module's meta): fingerprint and obsolete entries. */
export interface FileBaselineMeta {
  file: string
  baselinePath: string
  fingerprint: Fingerprint
  baselineFingerprint: Fingerprint | null
  /** Keys in the baseline file with no test in this file any more. */
  obsolete: string[]
  /** Whether obsolete entries were removed (only with -u on a full-file run). */
  obsoleteRemoved: boolean
  /** Whether the file was written in this run. */
  written: boolean
  /** True when writing the file failed (nothing was written; its cases count as missing, not written). */
  writeFailed?: boolean
}
