import { objectSlice } from '../util/options.js'

/** Plugin option `cases`: eval sets run with `evalCases` / `evalSuite`. */
export interface CasesOptions {
  /** Most cases in flight at once per worker (a semaphore across all eval sets of the worker). Default: no limit beyond Vitest's `maxConcurrency`. */
  concurrency?: number
  /** Subset file (from `evalgate select`), relative to the project root: only its cases run unless `EVALGATE_FULL=1`. */
  subset?: string
  /** Runs of every case (Vitest `repeats: trials - 1`); baselines average per trial. Default 1. */
  trials?: number
}

export interface ResolvedCasesOptions {
  concurrency?: number
  subset?: string
  trials: number
}

export const casesSlice = objectSlice<'cases', CasesOptions, ResolvedCasesOptions>('cases', { trials: 1 }, {
  type: 'object',
  additionalProperties: false,
  properties: {
    concurrency: { type: 'integer', minimum: 1 },
    subset: { type: 'string', minLength: 1 },
    trials: { type: 'integer', minimum: 1 },
  },
})
