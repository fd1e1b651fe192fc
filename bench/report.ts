import type { LoadResult } from './load-cases.js'
import type { MachineInfo } from './machine.js'
import type { MicroResult } from './micro.js'
import type { SuiteResult } from './suites.js'
import { round, verdict } from './timing.js'

/** Issue 6: a warm-cache rerun must make no call and take at most 1.2 × a plain suite of trivial tests. */
const W3_TARGET_RATIO = 1.2

export interface BenchReport {
  date: string
  command: string
  quick: boolean
  durationS: number
  machine: MachineInfo
  suites: SuiteResult[]
  micro: MicroResult[]
  load: LoadResult
}

/** Suite workloads must finish within this factor of ideal + plain-Vitest start-up. */
export const SUITE_TARGET_RATIO = 1.1

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(3)} ms`)

function sdkW1(suites: SuiteResult[]): number | undefined {
  return suites.find((r) => r.workload.id === 'w1')?.medianMs
}

function suiteRows(suites: SuiteResult[]): string[] {
  const start = suites.find((r) => r.workload.id === 'empty')
  const startMs = start?.medianMs ?? Number.NaN
  const rows: string[] = []
  for (const r of suites) {
    const w = r.workload
    if (w.pending) {
      rows.push(`| ${w.title} | pending | — | — | — | ${w.pending} |`)
      continue
    }
    const runs = r.wallMs.map((v) => (v / 1000).toFixed(2)).join(', ')
    if (w.id === 'empty') rows.push(`| ${w.title} | **${s(r.medianMs)}** | ${runs} | — | — | the start-up reference |`)
    else if (w.id === 'plugin') rows.push(`| ${w.title} | **${s(r.medianMs)}** | ${runs} | — | ${round(r.medianMs / startMs)} × plain start-up | evalgate's fixed start-up cost: +${s(r.medianMs - startMs)} (not a target) |`)
    else if (w.id === 'sdk') {
      const reference = w.idealMs + startMs
      rows.push(`| ${w.title} | **${s(r.medianMs)}** | ${runs} | ${s(w.idealMs)} ideal + ${s(startMs)} start-up = ${s(reference)} | ${round(r.medianMs / reference, 3)} (not a target) | what Vitest + the SDK cost without evalgate; evalgate's own cost: W1 / this = ${round((sdkW1(suites) ?? Number.NaN) / r.medianMs, 3)} |`)
    }
    else if (w.id === 'w3') {
      const w1 = sdkW1(suites) ?? Number.NaN
      const plugin = suites.find((x) => x.workload.id === 'plugin')?.medianMs ?? Number.NaN
      rows.push(
        `| ${w.title} | **${s(r.medianMs)}** | ${runs} | plain Vitest, ${w.tests} trivial tests = ${s(startMs)} | **${round(r.medianMs / startMs, 3)}** (target ≤ ${W3_TARGET_RATIO}) ${verdict(r.medianMs / startMs, W3_TARGET_RATIO)} | 0 network calls; ${round(w1 / r.medianMs, 2)} × faster than W1; ${s(r.medianMs - plugin)} more than the plugin with trivial tests (${round((r.medianMs - plugin) / w.tests, 1)} ms a replayed case) |`,
      )
    } else {
      const reference = w.idealMs + startMs
      const ratio = r.medianMs / reference
      const overhead = r.medianMs - reference
      rows.push(
        `| ${w.title} | **${s(r.medianMs)}** | ${runs} | ${s(w.idealMs)} ideal + ${s(startMs)} start-up = ${s(reference)} | **${round(ratio, 3)}** (target ≤ ${SUITE_TARGET_RATIO}) ${verdict(ratio, SUITE_TARGET_RATIO)} | ${overhead >= 0 ? '+' : '−'}${s(Math.abs(overhead))} beyond ideal + start-up (${round(overhead / w.tests, 1)} ms a case) |`,
      )
    }
  }
  return rows
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
    '',
    '## Suites: real `vitest run` processes against the local model server',
    '',
    `Median of ${r.suites.find((x) => x.wallMs.length)?.wallMs.length ?? 0} measured runs per suite (after one warm-up run each), all in this run, rounds interleaved. ` +
      'Wall = spawn of `vitest run` to its exit. Ratio = wall / (ideal + plain-Vitest start-up).',
    '',
    '| suite | wall (median) | runs (s) | reference | ratio | notes |',
    '|---|---|---|---|---|---|',
    ...suiteRows(r.suites),
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
