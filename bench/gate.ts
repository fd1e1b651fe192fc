/**
 * `npm run bench:gate`: does the gate tell a real regression from a noisy model? Real `vitest run` processes
 * of a generated fixture (evalCases, K = 3 trials, `record('accuracy', …)`) against the test server's seeded
 * nondeterministic mode (`noisyReplies`: each reply right with probability p, a new seed per run = a new
 * live run). Baseline recorded once with `vitest run -u` (`baselines.trials`), then 20 live reruns with
 * CI=true: unchanged (p = 0.8, 60 cases) → count failing runs (target ≤ 2 of 20); p dropped by 10 points
 * (n = 200) → count failing runs (target ≥ 16 of 20). Figures go to bench/RESULTS.md between the
 * `bench:gate` markers (the rest of the file is left alone). `--quick`: 3 reruns each, written to
 * .tmp/bench/RESULTS.gate.quick.md.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { noisyReplies, startModelServer } from 'evalgate/testing'
import { machineInfo } from './machine.js'
import { REPO_ROOT, VITEST_BIN, WORK_DIR } from './paths.js'
import { installEvalgate } from './suites.js'

const quick = process.argv.includes('--quick')
const RERUNS = quick ? 3 : 20
const K = 3
const BASELINE_TRIALS = 20

interface Scenario {
  id: string
  cases: number
  baselineP: number
  liveP: number
  target: string
  ok: (failed: number, runs: number) => boolean
}

const SCENARIOS: Scenario[] = [
  { id: 'unchanged', cases: 60, baselineP: 0.8, liveP: 0.8, target: 'at most 2 of 20 runs fail', ok: (f, r) => f <= Math.floor((2 * r) / 20) },
  { id: 'drop-10', cases: 200, baselineP: 0.8, liveP: 0.7, target: 'at least 16 of 20 runs fail', ok: (f, r) => f >= Math.ceil((16 * r) / 20) },
]

const CONFIG = `import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/plugin'

export default defineConfig({
  plugins: [evalgate({ baselines: { trials: ${BASELINE_TRIALS} }, reporter: { github: false } })],
  test: { maxConcurrency: 20 },
})
`

function suite(cases: number): string {
  return `import OpenAI from 'openai'
import { evalCases, record, wrapOpenAI } from 'evalgate'

const client = wrapOpenAI(new OpenAI({ baseURL: process.env.BENCH_MODEL_URL, apiKey: 'bench', maxRetries: 0 }))
const cases = Array.from({ length: ${cases} }, (_, i) => ({ id: 'case-' + String(i).padStart(3, '0'), input: 'question ' + i }))

await evalCases(cases, async (c) => {
  const r = await client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: c.input }] })
  record('accuracy', r.choices[0]?.message.content === 'right' ? 1 : 0)
}, { trials: ${K} })
`
}

async function vitest(cwd: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, CI: undefined, GITHUB_ACTIONS: undefined, FORCE_COLOR: '0', NO_COLOR: '1', VITEST: undefined, VITEST_MODE: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined, ...env }
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key]
  const child = spawn(process.execPath, [VITEST_BIN, 'run', ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-6000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)))
  clearTimeout(timer)
  return { code, output }
}

/** What failed a run, from the verdict line. */
function cause(output: string): string {
  const line = output.split('\n').find((l) => l.includes('evalgate: run FAILED') || l.includes('evalgate: run passed'))
  return line?.trim() ?? output.slice(-400)
}

interface ScenarioResult {
  scenario: Scenario
  failed: number
  runs: number
  causes: string[]
  ms: number
}

async function runScenario(s: Scenario, log: (l: string) => void): Promise<ScenarioResult> {
  const t0 = performance.now()
  const dir = join(WORK_DIR, `gate-${s.id}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'vitest.config.ts'), CONFIG)
  writeFileSync(join(dir, 'gate.test.ts'), suite(s.cases))
  const serve = async (p: number, seed: string) => startModelServer({ replies: noisyReplies({ p, seed, right: () => 'right', wrong: () => 'wrong' }) })

  const recording = await serve(s.baselineP, `${s.id}:baseline`)
  const rec = await vitest(dir, ['-u'], { BENCH_MODEL_URL: recording.baseURL })
  await recording.stop()
  if (rec.code !== 0) throw new Error(`bench:gate: recording the baseline of ${s.id} failed (exit ${rec.code}):\n${rec.output}`)
  const file = join(dir, 'snapshots', 'gate.test.ts.json')
  if (!existsSync(file)) throw new Error(`bench:gate: no baseline file ${file} after -u`)
  const entries = Object.values((JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, { trialCount?: number }> }).cases)
  if (entries.length !== s.cases || entries.some((e) => e.trialCount !== BASELINE_TRIALS)) throw new Error(`bench:gate: the baseline of ${s.id} should hold ${s.cases} entries of ${BASELINE_TRIALS} trials`)
  const before = readFileSync(file, 'utf8')

  let failed = 0
  const causes: string[] = []
  for (let r = 0; r < RERUNS; r++) {
    const server = await serve(s.liveP, `${s.id}:live:${r}`)
    const run = await vitest(dir, [], { BENCH_MODEL_URL: server.baseURL, CI: 'true' })
    await server.stop()
    if (run.code !== 0) {
      failed++
      causes.push(cause(run.output))
    }
    log(`  ${s.id} rerun ${r + 1}/${RERUNS}: exit ${run.code}`)
  }
  if (readFileSync(file, 'utf8') !== before) throw new Error(`bench:gate: a CI run changed ${file}`)
  return { scenario: s, failed, runs: RERUNS, causes, ms: performance.now() - t0 }
}

function machineLine(): string {
  const m = machineInfo()
  return `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, vitest ${m.vitest}, openai ${m.openai}.`
}

const MARK_START = '<!-- bench:gate start -->'
const MARK_END = '<!-- bench:gate end -->'

function section(results: ScenarioResult[]): string {
  const rows = results.map((r) => {
    const s = r.scenario
    const label = s.liveP === s.baselineP ? `unchanged, p = ${s.liveP}` : `p ${s.baselineP} → ${s.liveP} (10-point drop)`
    return `| ${s.id} | ${label} | ${s.cases} | ${K} | ${BASELINE_TRIALS} | **${r.failed} of ${r.runs}** | ${s.target} | ${s.ok(r.failed, r.runs) ? 'met' : '**NOT met**'} |`
  })
  const causes = results.flatMap((r) => r.causes.map((c) => `- ${r.scenario.id}: ${c}`))
  return [
    MARK_START,
    '## Gate under a noisy model (`npm run bench:gate`)',
    '',
    `Real \`vitest run\` processes of a generated fixture (\`evalCases\`, K = ${K} trials, \`record('accuracy', …)\`) against`,
    '`evalgate/testing` with `noisyReplies` (each reply right with probability p; a new seed per run = a new live run).',
    `The baseline is recorded once with \`vitest run -u\` and \`baselines.trials: ${BASELINE_TRIALS}\`; each rerun is a live run with CI=true.`,
    machineLine(),
    '',
    '| scenario | model | cases | K | baseline trials | runs failing the build | target | |',
    '|---|---|---:|---:|---:|---:|---|---|',
    ...rows,
    '',
    ...(causes.length ? ['What failed the failing runs (their verdict lines):', '', ...causes, ''] : []),
    MARK_END,
  ].join('\n')
}

async function main(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true })
  installEvalgate()
  const results: ScenarioResult[] = []
  for (const s of SCENARIOS) {
    console.log(`bench:gate: ${s.id} (${s.cases} cases, K = ${K}, ${RERUNS} reruns)`)
    results.push(await runScenario(s, (l) => console.log(l)))
  }
  const text = section(results)
  const out = quick ? join(WORK_DIR, 'RESULTS.gate.quick.md') : join(REPO_ROOT, 'bench', 'RESULTS.md')
  const old = existsSync(out) ? readFileSync(out, 'utf8') : ''
  const start = old.indexOf(MARK_START)
  const end = old.indexOf(MARK_END)
  const next = start >= 0 && end > start ? old.slice(0, start) + text + old.slice(end + MARK_END.length) : `${old}${old && !old.endsWith('\n') ? '\n' : ''}\n${text}\n`
  writeFileSync(out, next)
  console.log(`\n${text}\n\nbench:gate: written to ${out}`)
  if (results.some((r) => !r.scenario.ok(r.failed, r.runs))) process.exitCode = 1
}

await main()
