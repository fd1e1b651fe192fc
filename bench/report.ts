import type { LoadAccuracyRow } from './load-accuracy.js'
import { LOAD_TOKENS_PER_SECOND, LOAD_TTFT_MS, SERVER_TOKENS_PER_SECOND, TTFT_TOLERANCE } from './load-accuracy.js'
import type { LoadResult } from './load-cases.js'
import type { MachineInfo } from './machine.js'
import type { MicroResult } from './micro.js'
import type { ComparisonResult, SideResult } from './suites.js'
import { round, verdict } from './timing.js'

export interface BenchReport {
  date: string
  command: string
  quick: boolean
  durationS: number
  machine: MachineInfo
  /** 1-minute load average at the start and the end of the run (the machine may be shared). */
  loadAverage: [number, number]
  suites: ComparisonResult[]
  w4: ComparisonResult[]
  loadAccuracy: LoadAccuracyRow[]
  micro: MicroResult[]
  load: LoadResult
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(3)} ms`)
const runs = (side: SideResult) => side.wallMs.map((v) => (v / 1000).toFixed(2)).join(', ')
/** Text from elsewhere (a warning message) made safe for one table cell. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|')
const mib = (v: number) => (Number.isFinite(v) ? `${round(v, 0)} MiB` : 'n/a')

/** `**1.234** (target ≤ 1.08) ✓`, or the bare ratio and why there is no target. */
function ratioCell(ratio: number, target: number | undefined, noTarget = 'no target'): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return target === undefined ? `${round(ratio, 3)} (${noTarget})` : `**${round(ratio, 3)}** (target ≤ ${target}) ${verdict(ratio, target)}`
}

function suiteRows(results: ComparisonResult[]): string[] {
  return results.map((r) => {
    const c = r.comparison
    if (r.pending) return `| ${c.title} | ${c.reference} | pending | — | — | ${r.pending} |`
    const e = r.evalgate
    const p = r.plain
    const extra = e.medianMs - p.medianMs
    const perCase = c.evalgate.tests > 1 ? ` (${round(extra / c.evalgate.tests, 2)} ms a case)` : ''
    const ideal = c.idealMs > 0 ? `; ideal test work ${s(c.idealMs)}` : ''
    return `| ${c.title} | ${c.reference} | **${s(e.medianMs)}** (${runs(e)}) | **${s(p.medianMs)}** (${runs(p)}) | ${ratioCell(e.medianMs / p.medianMs, c.target)} | evalgate ${extra >= 0 ? '+' : '−'}${s(Math.abs(extra))}${perCase}${ideal} |`
  })
}

function w4Rows(results: ComparisonResult[]): string[] {
  return results.map((r) => {
    const c = r.comparison
    const e = r.evalgate
    const p = r.plain
    const n = c.evalgate.tests.toLocaleString('en')
    const why = 'target at 5,000 only'
    return `| ${n} | ${r.rounds} | **${s(e.medianMs)}** (${runs(e)}) | **${s(p.medianMs)}** (${runs(p)}) | ${ratioCell(e.medianMs / p.medianMs, c.target, why)} | **${mib(e.medianRssMiB)}** | **${mib(p.medianRssMiB)}** | ${ratioCell(e.medianRssMiB / p.medianRssMiB, c.rssTarget, why)} | ${s(c.idealMs)} |`
  })
}

/** ✓ when no call failed and the reported TTFT p50 is within the tolerance of the server's, or a saturation warning was given. */
export function loadVerdict(row: LoadAccuracyRow): string {
  if (row.errors > 0) return `✗ (${row.errors} call(s) failed)`
  const off = Math.abs(row.medianTtftP50Ms / LOAD_TTFT_MS - 1)
  if (off <= TTFT_TOLERANCE) return '✓ (within 10%)'
  return row.saturation ? '✓ (warned)' : `✗ (${round(off * 100, 0)}% off, no warning)`
}

function loadRows(rows: LoadAccuracyRow[]): string[] {
  return rows.map((row) => {
    const perRound = row.rounds > 1 ? ` (${row.ttftP50Ms.map((v) => round(v, 0)).join(', ')})` : ''
    const tpsRounds = row.rounds > 1 ? ` (${row.tokensPerSecondP50.map((v) => round(v, 0)).join(', ')})` : ''
    return `| ${row.concurrency} | ${row.samples} × ${row.rounds} | ${LOAD_TTFT_MS} ms | **${round(row.medianTtftP50Ms, 0)} ms**${perRound} | ${round(row.medianTtftP50Ms / LOAD_TTFT_MS, 3)} | ${round(row.medianRawTtftP50Ms, 0)} ms | ${round(row.medianTokensPerSecondP50, 0)}${tpsRounds} | ${row.saturation ? cell(row.saturation) : 'none'} | ${row.eventLoopDelay ? cell(row.eventLoopDelay) : 'not reported'} | ${loadVerdict(row)} |`
  })
}

/** RESULTS.md: machine, then every figure with its target and the ratio measured in the same run. */
export function formatReport(r: BenchReport): string {
  const m = r.machine
  const out = [
    '# evalgate benchmark results',
    '',
    `Written by \`${r.command}\` on ${r.date} (${round(r.durationS, 0)} s${r.quick ? ', **quick mode: a smoke run, not the figures**' : ''}). ` +
      'Do not edit by hand; [bench/README.md](README.md) says how each figure is measured and how to reproduce it.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPUs (nproc) | ${m.cpus} |`,
    `| CPU model | ${m.cpuModel} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| vitest / openai | ${m.vitest} / ${m.openai} |`,
    `| load average (1 min) at start / end | ${round(r.loadAverage[0], 1)} / ${round(r.loadAverage[1], 1)} (other work on the machine makes every figure noisier; ratios compare within this run) |`,
    '',
    '## Suites: ratios to plain Vitest, real `vitest run` processes against the local model server',
    '',
    `Median of ${r.suites.find((x) => x.evalgate.wallMs.length)?.rounds ?? 0} measured runs per suite after ${r.quick ? 'a warm-up run of the suites that write state (quick mode)' : 'one warm-up run each'}, all in this run; ` +
      'every round runs the evalgate suite and its plain-Vitest reference back to back (order alternating by round). ' +
      'Wall = spawn of `vitest run` to its exit. Ratio = evalgate wall / plain wall.',
    '',
    '| workload | plain reference | evalgate wall (median; runs s) | plain wall (median; runs s) | ratio | notes |',
    '|---|---|---|---|---|---|',
    ...suiteRows(r.suites),
    '',
    '## W4: scale, wall and peak RSS vs plain',
    '',
    "One file of n cases, model 20 ms, `maxConcurrency: 50`; evalgate = W1's matchers, plain = the plain W1 suite. " +
      'Peak RSS = highest sum of VmRSS over the whole process tree (vitest main + workers), polled from /proc every ~20 ms; median over the runs. ' +
      `Fewer rounds at the big n to keep the bench short (column "rounds"), after one warm-up run of the evalgate side (it writes the baselines).${r.quick ? ' Quick mode: small n only.' : ''}`,
    '',
    '| n | rounds | evalgate wall (median; runs s) | plain wall (median; runs s) | wall ratio | evalgate peak RSS | plain peak RSS | RSS ratio | ideal |',
    '|---|---|---|---|---|---|---|---|---|',
    ...w4Rows(r.w4),
    '',
    '## Load mode accuracy',
    '',
    `\`runLoad\` on a \`wrapOpenAI\` client inside a real \`vitest run\` worker (one process per level and round), streamed calls to the local server with TTFT ${LOAD_TTFT_MS} ms ` +
      `and 8 chunks of 4 tokens paced at ${LOAD_TOKENS_PER_SECOND} tokens/s (first-to-last: ${round(SERVER_TOKENS_PER_SECOND, 0)} tokens/s). ` +
      'Reported = p50 over the calls of one run, median over the rounds. Raw fetch = one wave of plain `fetch` calls at the same concurrency in the same worker after the load, TTFT at the first body bytes: what this machine allows. Target: TTFT p50 within 10% of the server\'s, or a saturation warning.',
    '',
    `| concurrency | calls × rounds | server TTFT | reported TTFT p50 | ratio | raw fetch TTFT p50 (diagnostic) | tokens/s p50 (server ${round(SERVER_TOKENS_PER_SECOND, 0)}) | saturation warning | event-loop delay | target |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...loadRows(r.loadAccuracy),
    '',
    '## Microbenchmarks',
    '',
    'Per call, steady state after warm-up; ratio = mean / target.',
    '',
    '| function | input | calls | mean | p50 | p99 | first call | ratio (target < 1 ms) |',
    '|---|---|---|---|---|---|---|---|',
    ...r.micro.map((x) => `| \`${x.name}\` | ${x.detail} | ${x.iterations} | **${ms(x.meanMs)}** | ${ms(x.p50Ms)} | ${ms(x.p99Ms)} | ${x.firstMs === undefined ? '—' : ms(x.firstMs)} | **${round(x.meanMs / x.targetMs, 3)}** ${verdict(x.meanMs, x.targetMs)} |`),
    '',
    '## Eval-set loading',
    '',
    `\`loadCases\` on a ${r.load.cases.toLocaleString('en')}-case JSONL file (${round(r.load.fileMiB, 1)} MiB) in a fresh child process per run (${r.load.runs} runs): ` +
      'median load time, highest peak RSS of the whole process (Node + evalgate imported + cases).',
    '',
    '| cases | load time | ratio (target < 1 s) | peak RSS | RSS before loading | ratio (target < 200 MB) |',
    '|---|---|---|---|---|---|',
    `| ${r.load.cases.toLocaleString('en')} | **${round(r.load.loadMs, 0)} ms** | **${round(r.load.loadMs / r.load.targetMs, 3)}** ${verdict(r.load.loadMs, r.load.targetMs)} | **${round(r.load.peakRssMiB, 0)} MiB** | ${round(r.load.rssBeforeMiB, 0)} MiB | **${round(r.load.peakRssMiB / r.load.targetRssMiB, 3)}** ${verdict(r.load.peakRssMiB, r.load.targetRssMiB)} |`,
    '',
  ]
  return out.join('\n')
}
