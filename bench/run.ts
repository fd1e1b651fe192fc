/**
 * `npm run bench`: suite workloads (W1–W3) as real `vitest run` processes, microbenchmarks and eval-set
 * loading, written to bench/RESULTS.md. `--quick` is a small smoke run (20 cases, one round, 1k-case file)
 * written to .tmp/bench/RESULTS.quick.md; `--out=<file>` writes elsewhere. See bench/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { runLoadCases } from './load-cases.js'
import { machineInfo } from './machine.js'
import { runMicro } from './micro.js'
import { REPO_ROOT, WORK_DIR } from './paths.js'
import { formatReport } from './report.js'
import { runSuites } from './suites.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const outArg = args.find((a) => a.startsWith('--out='))?.slice('--out='.length)
const out = outArg ? resolve(process.env.INIT_CWD ?? process.cwd(), outArg) : quick ? join(WORK_DIR, 'RESULTS.quick.md') : join(REPO_ROOT, 'bench', 'RESULTS.md')
const log = (line: string) => console.log(line)
const started = performance.now()

log(`evalgate bench${quick ? ' --quick' : ''}`)
log('micro: checkSchema (2 KB output), summarize (10k samples)')
const micro = runMicro(quick)
for (const m of micro) log(`  ${m.name}: ${m.meanMs.toFixed(4)} ms a call (p99 ${m.p99Ms.toFixed(4)} ms)`)

const loadCount = quick ? 1_000 : 10_000
log(`eval-set loading: ${loadCount} cases`)
const load = runLoadCases(loadCount, quick ? 1 : 3)
log(`  ${load.loadMs.toFixed(0)} ms, peak RSS ${load.peakRssMiB.toFixed(0)} MiB`)

const cases = quick ? 20 : 200
const repeats = quick ? 1 : 5
log(`suites: ${cases} cases, ${repeats} measured round(s)`)
const suites = await runSuites({ cases, repeats, log })

const report = formatReport({
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  command: `npm run bench${quick ? ' -- --quick' : ''}`,
  quick,
  durationS: (performance.now() - started) / 1000,
  machine: machineInfo(),
  suites,
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
