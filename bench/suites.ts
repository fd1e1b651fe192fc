import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { matchers } from 'evalgate/matchers'
import { startModelServer, type ModelServer } from 'evalgate/testing'
import { median } from './timing.js'
import { timedVitestRun } from './vitest-process.js'
import { JUDGE_LATENCY_MS, JUDGE_REPLY, MODEL_LATENCY_MS, MODEL_REPLY, W4_LATENCY_MS, type Comparison, type ServerId, type Workload } from './workloads.js'
import { REPO_ROOT, WORK_DIR } from './paths.js'

/** The measured runs of one side of a comparison. */
export interface SideResult {
  workload: Workload
  /** Wall times of the measured runs, ms (empty when pending). */
  wallMs: number[]
  medianMs: number
  /** Peak RSS of the process tree per measured run, MiB (when the comparison measures RSS). */
  peakRssMiB: number[]
  medianRssMiB: number
}

export interface ComparisonResult {
  comparison: Comparison
  plain: SideResult
  evalgate: SideResult
  /** Measured rounds (after the warm-up). */
  rounds: number
  /** Why it was not run. */
  pending?: string
}

export interface SuiteOptions {
  /** Measured rounds (each runs both sides once, order alternating). */
  repeats: number
  log: (line: string) => void
}

/**
 * Puts evalgate where `npm install` would: WORK_DIR/node_modules/evalgate (dist + package.json), with a
 * package.json in WORK_DIR so the fixtures do not resolve `evalgate` by self-reference to the repository.
 * Vitest then externalizes it (loads it natively) as for every real consumer; resolved to the repo's own
 * dist/, Vite would transform all of evalgate's modules on every run (~0.5 s of start-up users never pay).
 */
export function installEvalgate(): void {
  const target = join(WORK_DIR, 'node_modules', 'evalgate')
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  cpSync(join(REPO_ROOT, 'dist'), join(target, 'dist'), { recursive: true })
  cpSync(join(REPO_ROOT, 'package.json'), join(target, 'package.json'))
  writeFileSync(join(WORK_DIR, 'package.json'), JSON.stringify({ name: 'evalgate-bench-fixtures', private: true, type: 'module' }, null, 2) + '\n')
}

/** Writes a workload's fixture project to `.tmp/bench/suite-<id>/` (fresh) and returns its folder. */
export function writeFixture(w: Workload): string {
  const dir = join(WORK_DIR, `suite-${w.id}`)
  rmSync(dir, { recursive: true, force: true })
  for (const [file, text] of Object.entries(w.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/** The model servers of the suites: `model` at 100 ms (W1–W3), `fast` at 20 ms (W4), and the judge. */
export interface Servers {
  model: ModelServer
  fast: ModelServer
  judge: ModelServer
  stop(): Promise<void>
}

export async function startServers(): Promise<Servers> {
  const model = await startModelServer({ latency: MODEL_LATENCY_MS, replies: () => MODEL_REPLY })
  const fast = await startModelServer({ latency: W4_LATENCY_MS, replies: () => MODEL_REPLY })
  const judge = await startModelServer({ latency: JUDGE_LATENCY_MS, replies: () => JUDGE_REPLY })
  return { model, fast, judge, stop: async () => void (await Promise.all([model.stop(), fast.stop(), judge.stop()])) }
}

const emptySide = (workload: Workload): SideResult => ({ workload, wallMs: [], medianMs: Number.NaN, peakRssMiB: [], medianRssMiB: Number.NaN })

/**
 * Runs comparisons: one unmeasured warm-up run of every suite (file-system caches; the first-run
 * baselines and the caches of W3 are written then, so measured runs compare and replay as CI would; W4
 * warms only its evalgate side, see `warmPlain`), then
 * `repeats` rounds in which every comparison runs its plain and its evalgate suite back to back, the order
 * alternating from round to round, so drift on the machine spreads over both sides alike. Each run must
 * pass every test and make exactly the expected model/judge calls, or the benchmark stops.
 */
export async function runComparisons(list: Comparison[], servers: Servers, options: SuiteOptions): Promise<ComparisonResult[]> {
  const results: ComparisonResult[] = list.map((c) => ({ comparison: c, plain: emptySide(c.plain), evalgate: emptySide(c.evalgate), rounds: options.repeats }))
  const w2 = results.find((r) => r.comparison.id === 'w2')
  if (w2 && !('toPassRubric' in matchers)) w2.pending = 'toPassRubric is not in evalgate/matchers yet'
  const active = results.filter((r) => !r.pending)
  const dirs = new Map<string, string>()
  for (const r of active) for (const w of [r.comparison.plain, r.comparison.evalgate]) dirs.set(w.id, writeFixture(w))
  const label = (w: Workload) => w.id.padEnd(14)
  for (let round = 0; round <= options.repeats; round++) {
    for (const r of active) {
      const sides: Array<'plain' | 'evalgate'> = round % 2 ? ['plain', 'evalgate'] : ['evalgate', 'plain']
      for (const side of sides) {
        if (round === 0 && side === 'plain' && r.comparison.warmPlain === false) continue
        const w = r.comparison[side]
        const run = await runOnce(w, dirs.get(w.id) as string, servers, round === 0, r.comparison.rss === true)
        const rss = run.peakRssMiB === undefined ? '' : `, peak RSS ${run.peakRssMiB.toFixed(0)} MiB (${run.rssSamples} samples)`
        if (round === 0) options.log(`  warm-up  ${label(w)} ${(run.wallMs / 1000).toFixed(2)} s${rss}`)
        else {
          r[side].wallMs.push(run.wallMs)
          if (run.peakRssMiB !== undefined) r[side].peakRssMiB.push(run.peakRssMiB)
          options.log(`  run ${round}/${options.repeats} ${label(w)} ${(run.wallMs / 1000).toFixed(2)} s${rss}`)
        }
      }
    }
  }
  for (const r of active) {
    for (const side of [r.plain, r.evalgate]) {
      side.medianMs = side.wallMs.length ? median(side.wallMs) : Number.NaN
      side.medianRssMiB = side.peakRssMiB.length ? median(side.peakRssMiB) : Number.NaN
    }
  }
  return results
}

async function runOnce(w: Workload, dir: string, servers: Servers, warmup: boolean, rss: boolean) {
  const model = servers[w.server satisfies ServerId]
  model.reset()
  servers.judge.reset()
  const env = { BENCH_MODEL_URL: model.baseURL, EVALGATE_JUDGE_BASE_URL: servers.judge.baseURL, ...(warmup ? w.warmup?.env : w.env) }
  const run = await timedVitestRun(dir, { env, rss })
  const modelCalls = (warmup ? w.warmup?.modelCalls : undefined) ?? w.modelCalls
  const judgeCalls = (warmup ? w.warmup?.judgeCalls : undefined) ?? w.judgeCalls
  const calls = [model.requestCount('chat'), servers.judge.requestCount('chat')]
  if (run.code !== 0 || run.failed > 0 || run.passed !== w.tests || calls[0] !== modelCalls || calls[1] !== judgeCalls) {
    throw new Error(
      `bench: ${w.id} did not run cleanly (exit ${run.code}, ${run.passed} passed, ${run.failed} failed of ${w.tests}; ` +
        `model calls ${calls[0]}/${modelCalls}, judge calls ${calls[1]}/${judgeCalls})\n${run.output}`,
    )
  }
  return run
}
