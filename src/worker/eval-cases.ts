/**
 * Eval sets as Vitest tests (worker glue): one concurrent test per case, named by its id, tagged with its
 * category and criticality, run `trials` times, limited by a worker-wide semaphore, and filtered by the
 * regression subset unless `EVALGATE_FULL=1`.
 */
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test, type TestContext } from 'vitest'
import { tagCase } from '../meta/record.js'
import { replayMissMessage } from '../measure/cache/call.js'
import { baselinesSlice } from '../baseline/options.js'
import { casesSlice } from '../cases/options.js'
import { optionSlice, projectRoot } from './context.js'
import { taskMeta, type CaseInfo } from '../meta/index.js'
import { Semaphore, workerSemaphore } from './limit.js'
import { loadCases, type LoadCasesOptions } from '../cases/load/load.js'
import { casesInSubset, readSubset } from '../cases/subset/file.js'
import type { EvalCase } from '../cases/types.js'
import { unknownOptionProblem } from '../matchers/option-keys.js'

const EVAL_CASES_KEYS = ['subset', 'trials', 'concurrency', 'timeout', 'load']

/** Options of {@link evalCases} and {@link evalSuite}; each overrides the plugin's `cases` option. */
export interface EvalCasesOptions<Input = unknown, Expected = unknown> {
  /**
   * Subset file (`evalgate select`), relative to the project root: only its cases run, unless
   * `EVALGATE_FULL=1`. `false` ignores a subset configured in the plugin. Default: the plugin's `cases.subset`.
   */
  subset?: string | URL | false
  /** Runs of every case (Vitest `repeats: trials - 1`). Default: the plugin's `cases.trials` (1). */
  trials?: number
  /** Most cases of this eval set in flight at once (on top of the worker-wide `cases.concurrency`). */
  concurrency?: number
  /** Test timeout in ms; waiting for a concurrency slot counts towards it. Default: Vitest's `testTimeout`. */
  timeout?: number
  /** How to load the cases when a path is given. */
  load?: LoadCasesOptions<Input, Expected>
}

/** The function run for each case: the case and the test context (use its `expect`: the tests are concurrent). */
export type EvalCaseFn<Input, Expected> = (c: EvalCase<Input, Expected>, context: TestContext) => Promise<void> | void

/** Cases, or a case file (JSONL, JSON, CSV) by URL or by path relative to the project root. */
export type CasesSource<Input, Expected> = ReadonlyArray<EvalCase<Input, Expected>> | string | URL

/** True when `EVALGATE_FULL` asks for the whole eval set. */
export function fullRunRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.EVALGATE_FULL?.trim().toLowerCase()
  return v !== undefined && v !== '' && v !== '0' && v !== 'false' && v !== 'no'
}

async function resolvePath(path: string | URL): Promise<string> {
  if (path instanceof URL) return fileURLToPath(path)
  return isAbsolute(path) ? path : resolve(await projectRoot(), path)
}

async function selectCases<Input, Expected>(cases: ReadonlyArray<EvalCase<Input, Expected>>, subset: string | URL | false | undefined) {
  if (subset === false || subset === undefined || fullRunRequested()) return { cases, note: '' }
  const file = await resolvePath(subset)
  const picked = casesInSubset(cases, await readSubset(file))
  if (picked.missing.length > 0) {
    const shown = picked.missing.slice(0, 5).join(', ')
    console.warn(`evalgate: ${picked.missing.length} id(s) of the subset ${file} are not in the eval set (deleted cases?): ${shown}${picked.missing.length > 5 ? ', …' : ''}`)
  }
  return { cases: picked.cases, note: `subset ${file}` }
}

/**
 * Registers one concurrent test per case, named by the case id (so baseline keys are stable). Each test
 * calls `tagCase({ category, critical })` and then `fn(case, context)`. Await it at the top of a test
 * file or inside an async `describe`: loading the cases or the subset file is asynchronous.
 *
 * With a subset (option or plugin `cases.subset`) only the subset's cases run, unless `EVALGATE_FULL=1`.
 */
export async function evalCases<Input = unknown, Expected = unknown>(
  source: CasesSource<Input, Expected>,
  fn: EvalCaseFn<Input, Expected>,
  options: EvalCasesOptions<Input, Expected> = {},
): Promise<void> {
  const problem = unknownOptionProblem(options, EVAL_CASES_KEYS) ?? unknownOptionProblem(options.load, ['format', 'idFrom', 'maxErrors', 'validate'], 'load')
  if (problem) throw new TypeError(`evalCases: ${problem}`)
  const defaults = optionSlice(casesSlice)
  const all = typeof source === 'string' || source instanceof URL ? await loadCases<Input, Expected>(await resolvePath(source), options.load) : source
  const { cases, note } = await selectCases(all, options.subset ?? defaults.subset)
  const asked = options.trials ?? defaults.trials ?? 1
  if (!(Number.isInteger(asked) && asked >= 1)) throw new RangeError(`evalCases: trials must be an integer >= 1, got ${asked}`)
  // Re-recording baselines (-u): each case runs `baselines.trials` times if that is more.
  const baselines = optionSlice(baselinesSlice)
  const trials = baselines.updating ? Math.max(asked, baselines.trials ?? 1) : asked
  const own = options.concurrency === undefined ? undefined : new Semaphore(options.concurrency)
  const shared = defaults.concurrency === undefined ? undefined : workerSemaphore(defaults.concurrency)
  const testOptions = { concurrent: true, ...(trials > 1 ? { repeats: trials - 1 } : {}), ...(options.timeout === undefined ? {} : { timeout: options.timeout }) }

  // Cases outside the subset are registered as skipped tests, not left out: their baselines are neither
  // obsolete nor removed by -u, and Vitest's summary counts them as skipped.
  const selected = new Set(cases)
  const outside = all.filter((c) => !selected.has(c))
  if (cases.length === 0 && outside.length === 0) {
    test.skip(`no case of this eval set is selected (${note || 'empty eval set'})`, () => undefined)
    return
  }
  for (const c of outside) test.skip(c.id, testOptions, () => undefined)
  for (const c of cases) {
    test(c.id, testOptions, async (context) => {
      const body = async () => {
        tagCase(caseInfo(c))
        await fn(c, context)
        failOnReplayMiss(context)
      }
      const limited = shared ? () => shared.run(body) : body
      await (own ? own.run(limited) : limited())
    })
  }
}

/** `describe(name, …)` holding {@link evalCases}: no top-level await needed. */
export function evalSuite<Input = unknown, Expected = unknown>(
  name: string,
  source: CasesSource<Input, Expected>,
  fn: EvalCaseFn<Input, Expected>,
  options: EvalCasesOptions<Input, Expected> = {},
): void {
  describe(name, async () => {
    await evalCases(source, fn, options)
  })
}

/** A replay-mode miss fails the case even when the app caught the SDK's error (e.g. a fallback answer). */
function failOnReplayMiss(context: TestContext): void {
  const missed = taskMeta(context.task).calls.filter((m) => m.cache === 'unavailable')
  if (missed.length === 0) return
  const first = replayMissMessage(missed[0]!) ?? missed[0]!.error?.message ?? ''
  throw new Error(`evalgate: ${missed.length} call(s) of this case had no recording in replay mode (the error was caught by the code under test):\n${first}`)
}

function caseInfo(c: EvalCase<unknown, unknown>): CaseInfo {
  const info: CaseInfo = {}
  if (c.category !== undefined) info.category = c.category
  if (c.critical !== undefined) info.critical = c.critical
  if (c.cluster !== undefined) info.cluster = c.cluster
  return info
}
