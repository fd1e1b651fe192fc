/**
 * `npm run bench`: start-up and W1–W3 as ratios to plain-Vitest references, W4 (scale: wall and peak RSS),
 * load-mode accuracy, microbenchmarks and eval-set loading, written to bench/RESULTS.md. Every suite is a
 * real `vitest run` process. `--quick` is a small smoke run (20 cases, one round, W4 at n = 50 only, plain suites not warmed up,
 * one load round per level, 1k-case file) written to .tmp/bench/RESULTS.quick.md; `--out=<file>` writes
 * elsewhere. See bench/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { runLoadAccuracy } from './load-accuracy.js'
import { runLoadCases } from './load-cases.js'
import { machineInfo } from './machine.js'
import { runMicro } from './micro.js'
import { REPO_ROOT, WORK_DIR } from './paths.js'
import { formatReport } from './report.js'
import { canSampleTree } from './rss.js'
import { installEvalgate, runComparisons, startServers, type ComparisonResult } from './suites.js'
import { comparisons, w4Comparison } from './workloads.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const outArg = args.find((a) => a.startsWith('--out='))?.slice('--out='.length)
const out = outArg ? resolve(process.env.INIT_CWD ?? process.cwd(), outArg) : quick ? join(WORK_DIR, 'RESULTS.quick.md') : join(REPO_ROOT, 'bench', 'RESULTS.md')
const log = (line: string) => console.log(line)
const started = performance.now()
const loadAtStart = loadavg()[0] ?? Number.NaN

log(`evalgate bench${quick ? ' --quick' : ''}`)
log('micro: checkSchema (2 KB output), summarize (10k samples)')
const micro = runMicro(quick)
for (const m of micro) log(`  ${m.name}: ${m.meanMs.toFixed(4)} ms a call (p99 ${m.p99Ms.toFixed(4)} ms)`)

const loadCount = quick ? 1_000 : 10_000
log(`eval-set loading: ${loadCount} cases`)
const load = runLoadCases(loadCount, quick ? 1 : 3)
log(`  ${load.loadMs.toFixed(0)} ms, peak RSS ${load.peakRssMiB.toFixed(0)} MiB`)

installEvalgate()
const servers = await startServers()
let suites: ComparisonResult[]
const w4: ComparisonResult[] = []
try {
  const cases = quick ? 20 : 200
  const repeats = quick ? 1 : 5
  log(`suites: start-up, W1–W3 at ${cases} cases vs plain Vitest, ${repeats} measured round(s)`)
  const list = comparisons(cases)
  // A smoke run warms only what has state to write (evalgate's first-run baselines, the plain W3 cache).
  if (quick) for (const c of list) if (!c.plain.warmup) c.warmPlain = false
  suites = await runComparisons(list, servers, { repeats, log })

  // Fewer rounds at the big n keep the whole bench within ~6 minutes on 2 cores.
  const sizes: Array<[n: number, rounds: number]> = quick ? [[50, 1]] : [[50, 3], [200, 3], [1_000, 2], [5_000, 2]]
  const rss = canSampleTree()
  if (!rss) log('  (no /proc/<pid>/task/<tid>/children here: W4 peak RSS is not measured)')
  for (const [n, rounds] of sizes) {
    log(`W4: ${n} cases, ${rounds} measured round(s)`)
    const c = w4Comparison(n)
    c.rss = rss
    w4.push(...(await runComparisons([c], servers, { repeats: rounds, log })))
  }
} finally {
  await servers.stop()
}

log('load-mode accuracy: concurrency 50/100/200, TTFT 300 ms')
const loadAccuracy = await runLoadAccuracy([50, 100, 200], quick ? 1 : 3, (c) => (quick ? c : 2 * c), log)

const report = formatReport({
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  command: `npm run bench${quick ? ' -- --quick' : ''}`,
  quick,
  durationS: (performance.now() - started) / 1000,
  machine: machineInfo(),
  loadAverage: [loadAtStart, loadavg()[0] ?? Number.NaN],
  suites,
  w4,
  loadAccuracy,
  micro,
  load,
})
mkdirSync(dirname(out), { recursive: true })
// Keep the section `npm run bench:gate` writes (between its markers).
const previous = existsSync(out) ? readFileSync(out, 'utf8') : ''
const gate = /<!-- bench:gate start -->[\s\S]*<!-- bench:gate end -->/.exec(previous)?.[0]
writeFileSync(out, gate ? `${report}${report.endsWith('\n') ? '' : '\n'}\n${gate}\n` : report)
log(`\n${report}`)
log(`written to ${relative(process.cwd(), out) || out}`)
