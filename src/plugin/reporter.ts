/**
 * The evalgate reporter, added beside Vitest's own by the plugin. Everything is built in `onTestRunEnd`
 * from the finished `testModules` (so `--merge-reports` of sharded blob runs gives the same result as one
 * run): the suite gate, the terminal report, the JSON report, GitHub annotations and job summary, and
 * `process.exitCode = 1` when the gate fails (Vitest only ever raises the exit code to 1, never resets it).
 */
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import type { SerializedError } from 'vitest'
import { gateFailsRun } from '../gate/decide.js'
import { evaluateRun, gateSettings } from '../gate/run.js'
import type { RunEvaluation, SuiteInput } from '../gate/types.js'
import type { ResolvedOptions } from './options.js'
import { writeOutputs } from '../report/outputs.js'
import { formatBanner } from '../report/terminal.js'
import { updateCommand } from '../baseline/update-command.js'
import { outcomeLine, runOutcome } from '../report/outcome.js'
import { collectSuites } from './collect.js'
import { runComparison } from '../compare/run.js'

export { collectSuites } from './collect.js'

/** Whether this run only writes blob reports (a shard): the gate then runs on `--merge-reports`. */
function writesBlobOnly(vitest: Vitest): boolean {
  const reporters = vitest.config.reporters as ReadonlyArray<unknown>
  return reporters.some((r) => r === 'blob' || (Array.isArray(r) && r[0] === 'blob') || (typeof r === 'object' && r !== null && r.constructor?.name === 'BlobReporter'))
}

export class EvalgateReporter implements Reporter {
  private vitest: Vitest | undefined

  constructor(private readonly options: ResolvedOptions) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    // A shard writing blob reports: shards split by file and a suite is a file, so its suites' verdicts are
    // final and fail the shard as they will fail the merge; the report and outputs come from --merge-reports.
    const shard = this.vitest !== undefined && writesBlobOnly(this.vitest)
    let suites: SuiteInput[]
    let run: RunEvaluation
    try {
      suites = collectSuites(testModules)
      run = evaluateRun(suites, gateSettings(this.options))
    } catch (error) {
      // A gate that cannot decide must not pass silently.
      process.exitCode = 1
      this.log(`\n evalgate: the suite gate could not be evaluated: ${(error as Error).stack ?? String(error)}\n`)
      return
    }
    const failRun = gateFailsRun(run, reason === 'interrupted')
    const update = updateCommand(this.vitest?.config.root)
    if (shard) this.log('\n evalgate: blob report (shard): the full report and its outputs come from `vitest --merge-reports`.')
    else {
      await writeOutputs({
        run,
        suites,
        options: this.options.reporter,
        root: this.vitest?.config.root ?? process.cwd(),
        env: process.env,
        updateCommand: update,
        log: (text) => this.log(text),
        error: (text) => (this.vitest ? this.vitest.logger.error(text) : console.error(text)),
      })
    }
    // Model selection: the head-to-head and decision; a candidate that could not be measured fails the run.
    if (!shard && this.options.candidates) {
      try {
        const compared = await runComparison(suites, this.options, this.vitest?.config.root ?? process.cwd(), (t) => this.log(t))
        if (compared?.candidates.some((c) => c.failed)) process.exitCode = 1
      } catch (error) {
        process.exitCode = 1
        this.log(`\n evalgate compare: the comparison could not be built: ${(error as Error).stack ?? String(error)}\n`)
      }
    }
    const banner = formatBanner(run, { updateCommand: update })
    if (banner) this.log(`\n${banner}\n`)
    if (failRun) process.exitCode = 1
    // One verdict line agreeing with the exit code, naming what failed the run.
    if (!shard && this.options.reporter.terminal && run.suites.length) {
      const failedTests = testModules.reduce((n, m) => n + [...m.children.allTests()].filter((t) => t.result().state === 'failed').length, 0)
      const outcome = runOutcome(run, { failedTests, unhandledErrors: _errors.length, failOnDegraded: this.options.gate.failOnDegraded, interrupted: reason === 'interrupted' })
      this.log(`\n ${outcomeLine(outcome, this.options.gate.failOnDegraded)}\n`)
    }
  }

  private log(text: string): void {
    if (this.vitest) this.vitest.logger.log(text)
    else console.log(text)
  }
}
