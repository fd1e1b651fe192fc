import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { matchers } from 'evalgate/matchers'
import { startModelServer, type ModelServer } from 'evalgate/testing'
import { median } from './timing.js'
import { timedVitestRun } from './vitest-process.js'
import { JUDGE_LATENCY_MS, JUDGE_REPLY, MODEL_LATENCY_MS, MODEL_REPLY, workloads, type Workload } from './workloads.js'
import { REPO_ROOT, WORK_DIR } from './paths.js'

export interface SuiteResult {
  workload: Workload
  /** Wall times of the measured runs, ms (empty when pending). */
  wallMs: number[]
  medianMs: number
}

export interface SuiteOptions {
  cases: number
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

function writeFixture(w: Workload): string {
  const dir = join(WORK_DIR, `suite-${w.id}`)
  rmSync(dir, { recursive: true, force: true })
  for (const [file, text] of Object.entries(w.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/**
 * Runs the suite workloads: one unmeasured warm-up run each (first-run baselines are written then, so the
 * measured runs compare against them as CI would), then `repeats` rounds that run every workload once, in
 * turn, so drift on the machine spreads over all of them. Each run must pass every test and make exactly
 * the expected model/judge calls, or the benchmark stops.
 */
export async function runSuites(options: SuiteOptions): Promise<SuiteResult[]> {
  const all = workloads(options.cases)
  const w2 = all.find((w) => w.id === 'w2')
  if (w2 && !('toPassRubric' in matchers)) w2.pending = 'toPassRubric is not in evalgate/matchers yet'
  const active = all.filter((w) => !w.pending)
  const model = await startModelServer({ latency: MODEL_LATENCY_MS, replies: () => MODEL_REPLY })
  const judge = await startModelServer({ latency: JUDGE_LATENCY_MS, replies: () => JUDGE_REPLY })
  const env = { BENCH_MODEL_URL: model.baseURL, EVALGATE_JUDGE_BASE_URL: judge.baseURL }
  installEvalgate()
  const dirs = new Map(active.map((w) => [w.id, writeFixture(w)]))
  const walls = new Map<string, number[]>(active.map((w) => [w.id, []]))
  try {
    for (let round = 0; round <= options.repeats; round++) {
      for (const w of active) {
        const wall = await runOnce(w, dirs.get(w.id)!, env, model, judge, round === 0)
        if (round === 0) options.log(`  warm-up  ${w.id.padEnd(6)} ${(wall / 1000).toFixed(2)} s`)
        else {
          walls.get(w.id)!.push(wall)
          options.log(`  run ${round}/${options.repeats} ${w.id.padEnd(6)} ${(wall / 1000).toFixed(2)} s`)
        }
      }
    }
  } finally {
    await Promise.all([model.stop(), judge.stop()])
  }
  return all.map((w) => {
    const wallMs = walls.get(w.id) ?? []
    return { workload: w, wallMs, medianMs: wallMs.length ? median(wallMs) : Number.NaN }
  })
}

async function runOnce(w: Workload, dir: string, env: Record<string, string>, model: ModelServer, judge: ModelServer, warmup: boolean): Promise<number> {
  model.reset()
  judge.reset()
  const run = await timedVitestRun(dir, { ...env, ...(warmup ? w.warmup?.env : w.env) })
  const expected = w.tests
  const modelCalls = (warmup ? w.warmup?.modelCalls : undefined) ?? w.modelCalls
  const calls = [model.requestCount('chat'), judge.requestCount('chat')]
  if (run.code !== 0 || run.failed > 0 || run.passed !== expected || calls[0] !== modelCalls || calls[1] !== w.judgeCalls) {
    throw new Error(
      `bench: ${w.id} did not run cleanly (exit ${run.code}, ${run.passed} passed, ${run.failed} failed of ${expected}; ` +
        `model calls ${calls[0]}/${modelCalls}, judge calls ${calls[1]}/${w.judgeCalls})\n${run.output}`,
    )
  }
  return run.wallMs
}
