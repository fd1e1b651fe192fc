import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadCases, selectSubset, writeSubset, type SubsetBudget } from '../cases/index.js'
import { toSubsetFile } from '../cases/subset/file.js'
import { stablePretty } from '../util/stable.js'
import { expectPositionals, numberValue, parseCommand, seedValue, stringValue, stringValues, UsageError, type OptionSpec } from './args.js'
import { historyFromRuns, readBaselineRuns } from './history.js'
import { formatCounts, type CliIO } from './io.js'

export const SELECT_HELP = `Usage: evalgate select <cases-file> (--budget-cases N | --budget-minutes M) [options]

Picks a fast regression subset of an eval set (JSONL, JSON or CSV) and writes it as a subset file
for evalCases / the "cases.subset" option. Same inputs and seed give the same file.
Kept first: every critical case (even over budget); then cases whose verdict flipped in the
baseline history, cases near the threshold, cases that last failed; the rest of the budget is a
seeded stratified sample over categories.

Options:
  --budget-cases N       at most N cases (critical cases are always kept)
  --budget-minutes M     at most M minutes, estimated from the baselines' latencies
  --out FILE             write the subset file here (default: print it to stdout)
  --baselines DIR        baseline folder(s), oldest first; repeatable (default: snapshots, if present)
  --seed S               seed of the stratified part (default 0)
  --threshold T          score a case must reach; enables near-threshold and per-trial flips
  --near-threshold X     |latest score - threshold| counted as near (default 0.1)
  --failed-since DATE    also keep cases that failed at or after DATE
  --concurrency C        cases run in parallel, for the time estimate (default 1)
  --require-sensitive    keep flipped / near-threshold / failing cases even over budget
  -h, --help             show this help

Example:
  evalgate select evals/tickets.jsonl --budget-cases 20 --seed 1 --out evals/subset.json`

const OPTIONS: OptionSpec = {
  'budget-cases': { type: 'string' },
  'budget-minutes': { type: 'string' },
  out: { type: 'string', short: 'o' },
  baselines: { type: 'string', multiple: true },
  seed: { type: 'string' },
  threshold: { type: 'string' },
  'near-threshold': { type: 'string' },
  'failed-since': { type: 'string' },
  concurrency: { type: 'string' },
  'require-sensitive': { type: 'boolean' },
}

/** `evalgate select`: eval set + baseline history → subset file. */
export async function selectCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('select', argv, OPTIONS)
  if (values.help) return (io.out(SELECT_HELP), 0)
  const [casesArg] = expectPositionals('select', positionals, ['cases-file'])
  const budget: SubsetBudget = {}
  const cases = numberValue('select', values, 'budget-cases', { min: 0, integer: true })
  const minutes = numberValue('select', values, 'budget-minutes', { min: 0 })
  if (cases !== undefined) budget.cases = cases
  if (minutes !== undefined) budget.minutes = minutes
  if (cases === undefined && minutes === undefined) throw new UsageError('evalgate select: give --budget-cases N, --budget-minutes M, or both (see `evalgate select --help`)')
  const threshold = numberValue('select', values, 'threshold', { min: 0 })
  const nearThreshold = numberValue('select', values, 'near-threshold', { min: 0 })
  const concurrency = numberValue('select', values, 'concurrency', { min: 1, integer: true })
  const failedSince = stringValue(values, 'failed-since')
  if (failedSince !== undefined && Number.isNaN(Date.parse(failedSince))) throw new UsageError(`evalgate select: --failed-since must be a date, got ${JSON.stringify(failedSince)}`)

  const all = await loadCases(resolve(io.cwd, casesArg!))
  const given = stringValues(values, 'baselines')
  const dirs = given.length > 0 ? given.map((d) => resolve(io.cwd, d)) : [resolve(io.cwd, 'snapshots')].filter((d) => existsSync(d))
  const { runs, skipped } = await readBaselineRuns(dirs)
  const history = historyFromRuns(runs, all.map((c) => c.id), threshold === undefined ? {} : { threshold })
  const result = selectSubset(all, history, {
    budget,
    seed: seedValue(values),
    ...(threshold === undefined ? {} : { threshold }),
    ...(nearThreshold === undefined ? {} : { nearThreshold }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(failedSince === undefined ? {} : { failedSince }),
    requireSensitive: values['require-sensitive'] === true,
  })

  const out = stringValue(values, 'out')
  const note = out === undefined ? io.err.bind(io) : io.out.bind(io)
  if (out === undefined) io.out(stablePretty(toSubsetFile(result, casesArg)).trimEnd())
  else await writeSubset(resolve(io.cwd, out), result, { source: casesArg! })
  const reasons: Record<string, number> = {}
  for (const reason of Object.values(result.reasons)) reasons[reason] = (reasons[reason] ?? 0) + 1
  note(`selected ${result.cases.length} of ${all.length} cases (~${Math.round(result.estimatedMinutes * 100) / 100} min estimated): ${formatCounts(reasons)}`)
  note(`by category: ${formatCounts(result.byCategory)}`)
  note(dirs.length === 0 ? 'history: none (no snapshots/ folder; pass --baselines DIR)' : `history: ${Object.keys(history).length} case(s) from ${dirs.length} baseline folder(s)`)
  for (const s of skipped) io.err(`warning: skipped ${s}`)
  for (const w of result.warnings) io.err(`warning: ${w}`)
  if (out !== undefined) note(`wrote ${out}`)
  return 0
}
