/**
 * The list of outputs the reporter writes after the gate has evaluated a run (not for blob shards: their
 * outputs come from `--merge-reports`). Adding an output = one entry here (plus its renderer in this folder
 * and, when it has a switch, a key in the `reporter` option slice, src/report/options.ts).
 */
import type { RunEvaluation, SuiteInput } from '../gate/types.js'
import { summarizeRun, formatSummary } from './calls.js'
import { appendJobSummary, workflowCommands } from './github.js'
import { writeJsonReport } from './json.js'
import type { ResolvedReporterOptions } from './options.js'
import { formatReport } from './terminal.js'

/** What every output is given. */
export interface OutputContext {
  run: RunEvaluation
  /** The collected suites (the run-wide call totals are computed from them). */
  suites: readonly SuiteInput[]
  options: ResolvedReporterOptions
  /** The Vitest root: relative output paths resolve against it. */
  root: string
  env: Readonly<Record<string, string | undefined>>
  /** How to re-record this project's baselines (`vitest run -u`, with `--root` when needed), for the report's hints. */
  updateCommand?: string
  log(text: string): void
  error(text: string): void
}

export interface Output {
  name: string
  enabled(ctx: OutputContext): boolean
  /** Writes the output; failures are reported through `ctx.error`, never thrown (the gate's exit code stands). */
  write(ctx: OutputContext): Promise<void> | void
}

const terminal: Output = {
  name: 'terminal',
  enabled: (ctx) => ctx.options.terminal,
  write({ run, suites, log, updateCommand }) {
    // With one suite its block already says it all; the run-wide totals add up several.
    const totals = run.suites.length === 1 ? '' : formatSummary(summarizeRun(suites.flatMap((m) => m.tests.map((t) => ({ file: m.moduleId, ...t })))))
    const text = [formatReport(run, updateCommand === undefined ? {} : { updateCommand }), totals].filter(Boolean).join('\n\n')
    if (text) log(`\n${text}\n`)
  },
}

const json: Output = {
  name: 'json',
  enabled: (ctx) => ctx.options.json !== false,
  async write({ run, options, root, log, error }) {
    const target = options.json as string
    try {
      const path = await writeJsonReport(run, target, root)
      if (options.terminal) log(` evalgate: JSON report written to ${path}`)
    } catch (e) {
      error(`evalgate: could not write the JSON report ${target}: ${(e as Error).message}`)
    }
  },
}

const github: Output = {
  name: 'github',
  enabled: (ctx) => ctx.options.github && !!ctx.env.GITHUB_ACTIONS && ctx.run.suites.length > 0,
  async write({ run, env, log, error }) {
    for (const command of workflowCommands(run, env.GITHUB_WORKSPACE)) log(command)
    const summary = env.GITHUB_STEP_SUMMARY
    if (summary) await appendJobSummary(run, summary).catch((e: Error) => error(`evalgate: could not write the job summary: ${e.message}`))
  },
}

/** Every output, in the order they are written. */
export const OUTPUTS: readonly Output[] = [terminal, json, github]

/** Writes every enabled output, in order. */
export async function writeOutputs(ctx: OutputContext, outputs: readonly Output[] = OUTPUTS): Promise<void> {
  for (const output of outputs) if (output.enabled(ctx)) await output.write(ctx)
}
