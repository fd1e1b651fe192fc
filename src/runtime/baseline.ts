import type { CaseRecord } from '../baseline/types.js'

/** What matchers need from the worker's baseline tracker (set by the setup file). */
export interface BaselineAccess {
  entryFor(task: never): Promise<{ key: string; entry: CaseRecord | undefined; path: string }>
}

const KEY = Symbol.for('evalgate.baseline-tracker')

export function setBaselineTracker(tracker: BaselineAccess): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = tracker
}

/** The baseline tracker of this worker, or undefined without the evalgate setup file. */
export function baselineTracker(): BaselineAccess | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as BaselineAccess | undefined
}
