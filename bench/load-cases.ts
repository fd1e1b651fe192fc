import { execFileSync } from 'node:child_process'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WORK_DIR } from './paths.js'
import { median } from './timing.js'

export interface LoadResult {
  cases: number
  fileMiB: number
  runs: number
  /** Median load time over the runs, ms. */
  loadMs: number
  /** Highest peak RSS over the runs (whole Node process, evalgate imported), MiB. */
  peakRssMiB: number
  /** RSS before loading (Node + evalgate imported), MiB. */
  rssBeforeMiB: number
  targetMs: number
  targetRssMiB: number
}

/** Writes a JSONL eval set of `n` cases shaped like the example suite's tickets (~330 B a line). */
export function writeCaseFile(n: number): string {
  mkdirSync(WORK_DIR, { recursive: true })
  const file = join(WORK_DIR, `cases-${n}.jsonl`)
  const categories = ['billing', 'bug', 'account', 'feature_request', 'other']
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const category = categories[i % categories.length] as string
    lines.push(
      JSON.stringify({
        id: `case-${i}`,
        input: `Ticket ${i}: I was charged twice for my subscription this month, order ORD-${10000 + i}. Please look into it. — user${i}@example.com`,
        expected: { category, priority: i % 7 === 0 ? 'high' : 'normal' },
        category,
        tags: i % 3 === 0 ? ['regression', 'smoke'] : ['regression'],
        critical: i % 50 === 0,
        rubric: ['Acknowledges the problem', { criterion: 'Gives clear next steps', weight: 2 }],
      }),
    )
  }
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

/** Loads an `n`-case JSONL file with `loadCases` in `runs` fresh child processes (time and peak RSS). */
export function runLoadCases(n: number, runs: number): LoadResult {
  const file = writeCaseFile(n)
  const child = fileURLToPath(new URL('./load-cases-child.js', import.meta.url))
  const results = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, [child, file], { encoding: 'utf8' })
    const r = JSON.parse(out.trim().split('\n').pop() as string) as { cases: number; loadMs: number; rssBeforeMiB: number; peakRssMiB: number }
    if (r.cases !== n) throw new Error(`bench: loadCases returned ${r.cases} cases, expected ${n}`)
    return r
  })
  return {
    cases: n,
    fileMiB: statSync(file).size / 2 ** 20,
    runs,
    loadMs: median(results.map((r) => r.loadMs)),
    peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
    rssBeforeMiB: median(results.map((r) => r.rssBeforeMiB)),
    targetMs: 1_000,
    targetRssMiB: 200,
  }
}
