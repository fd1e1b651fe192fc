/**
 * The evalgate reporter, added beside Vitest's own by the plugin. Everything is built in `onTestRunEnd`
 * from the finished `testModules` (so `--merge-reports` of sharded blob runs gives the same result as one
 * run): the suite gate, the terminal report, the JSON report, GitHub annotations and job summary, and
 * `process.exitCode = 1` when the gate fails (Vitest only ever raises the exit code to 1, never resets it).
 *
 * This module stays lean (the plugin's config process loads it): the gate, the renderers and the comparison
 * (src/plugin/run-end.ts) are imported in `onTestRunEnd` only, and not at all when the run has nothing for
 * them ({@link needsRunEnd}).
 */
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import type { SerializedError } from 'vitest'
import type { ResolvedOptions } from './options.js'
import { META_KEY } from '../meta/key.js'

/** The task-meta key evalgate writes, from its one-line home (not src/meta/index.ts: that loads the meta codec). */
export { META_KEY as EVALGATE_META_KEY } from '../meta/key.js'

/** Whether this run only writes blob reports (a shard): the gate then runs on `--merge-reports`. */
function writesBlobOnly(vitest: Vitest): boolean {
  const reporters = vitest.config.reporters as ReadonlyArray<unknown>
  return reporters.some((r) => r === 'blob' || (Array.isArray(r) && r[0] === 'blob') || (typeof r === 'object' && r !== null && r.constructor?.name === 'BlobReporter'))
}

function hasEvalgateMeta(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)[META_KEY] !== undefined
}

/** Whether any test or test file of the run carries evalgate meta (calls, matcher records, baselines). */
export function runHasEvalgateData(testModules: ReadonlyArray<TestModule>): boolean {
  return testModules.some((mod) => hasEvalgateMeta(mod.meta()) || [...mod.children.allTests()].some((test) => hasEvalgateMeta(test.meta())))
}

/**
 * Whether the run end has anything to do. Without evalgate data the gate evaluates no suite (it cannot fail,
 * the terminal report, banner, verdict line and GitHub output are empty), so the run end is skipped unless
 * something configured writes output regardless: a JSON report, model-selection candidates, a blob shard's
 * note; `gate.metrics` and `gate.failureRates` also load it (they are checks of the run's data).
 */
export function needsRunEnd(options: ResolvedOptions, shard: boolean, testModules: ReadonlyArray<TestModule>): boolean {
  if (shard || options.candidates || options.reporter.json !== false || options.gate.metrics || options.gate.failureRates) return true
  return runHasEvalgateData(testModules)
}

export class EvalgateReporter implements Reporter {
  private vitest: Vitest | undefined

  constructor(private readonly options: ResolvedOptions) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    // A shard writing blob reports: shards split by file and a suite is a file, so its suites' verdicts are
    // final and fail the shard as they will fail the merge; the report and outputs come from --merge-reports.
    const shard = this.vitest !== undefined && writesBlobOnly(this.vitest)
    if (!needsRunEnd(this.options, shard, testModules)) return
    const { reportRunEnd } = await import('./run-end.js')
    await reportRunEnd({ vitest: this.vitest, options: this.options, shard, unhandledErrors: errors.length, log: (text) => this.log(text) }, testModules, reason)
  }

  private log(text: string): void {
    if (this.vitest) this.vitest.logger.log(text)
    else console.log(text)
  }
}
