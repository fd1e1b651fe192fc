/**
 * What the evalgate reporter does at the end of a run (src/plugin/reporter.ts loads this module only then,
 * and only when there is something to do): the suite gate, the outputs, the comparison and the exit code.
 */
import type { TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import { gateFailsRun } from '../gate/decide.js'
import { evaluateRun, gateSettings } from '../gate/run.js'
import type { RunEvaluation, SuiteInput } from '../gate/types.js'
import type { ResolvedOptions } from './options.js'
import { writeOutputs } from '../report/outputs.js'
import { formatBanner } from '../report/terminal.js'
import { updateCommand } from '../baseline/update-command.js'
import { outcomeLine, runOutcome } from '../report/outcome.js'
import { collectSuites } from './collect.js'

export interface RunEndContext {
  vitest: Vitest | undefined
  options: ResolvedOptions
  /** A shard writing blob reports: its report and outputs come from `--merge-reports`. */
  shard: boolean
  unhandledErrors: number
  log(text: string): void
}

/** The gate, outputs, comparison and exit code of a finished run. */
export async function reportRunEnd(ctx: RunEndContext, testModules: ReadonlyArray<TestModule>, reason: TestRunEndReason): Promise<void> {
  const shard = ctx.shard
  let suites: SuiteInput[]
  let run: RunEvaluation
  try {
    suites = collectSuites(testModules)
    run = evaluateRun(suites, gateSettings(ctx.options))
  } catch (error) {
    // A gate that cannot decide must not pass silently.
    process.exitCode = 1
    ctx.log(`\n evalgate: the suite gate could not be evaluated: ${(error as Error).stack ?? String(error)}\n`)
    return
  }
  const failRun = gateFailsRun(run, reason === 'interrupted')
  const update = updateCommand(ctx.vitest?.config.root)
  if (shard) ctx.log('\n evalgate: blob report (shard): the full report and its outputs come from `vitest --merge-reports`.')
  else {
    await writeOutputs({
      run,
      suites,
      options: ctx.options.reporter,
      root: ctx.vitest?.config.root ?? process.cwd(),
      env: process.env,
      updateCommand: update,
      log: (text) => ctx.log(text),
      error: (text) => (ctx.vitest ? ctx.vitest.logger.error(text) : console.error(text)),
    })
  }
  // Model selection: the head-to-head and decision; a candidate that could not be measured fails the run.
  if (!shard && ctx.options.candidates) {
    try {
      // Loaded only for model selection: a run without candidates never needs the comparison code.
      const { runComparison } = await import('../compare/run.js')
      const compared = await runComparison(suites, ctx.options, ctx.vitest?.config.root ?? process.cwd(), (t) => ctx.log(t))
      if (compared?.candidates.some((c) => c.failed)) process.exitCode = 1
    } catch (error) {
      process.exitCode = 1
      ctx.log(`\n evalgate compare: the comparison could not be built: ${(error as Error).stack ?? String(error)}\n`)
    }
  }
  const banner = formatBanner(run, { updateCommand: update })
  if (banner) ctx.log(`\n${banner}\n`)
  if (failRun) process.exitCode = 1
  // One verdict line agreeing with the exit code, naming what failed the run.
  if (!shard && ctx.options.reporter.terminal && run.suites.length) {
    const failedTests = testModules.reduce((n, m) => n + [...m.children.allTests()].filter((t) => t.result().state === 'failed').length, 0)
    const outcome = runOutcome(run, { failedTests, unhandledErrors: ctx.unhandledErrors, failOnDegraded: ctx.options.gate.failOnDegraded, interrupted: reason === 'interrupted' })
    ctx.log(`\n ${outcomeLine(outcome, ctx.options.gate.failOnDegraded)}\n`)
  }
}
