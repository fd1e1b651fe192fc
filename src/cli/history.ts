import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { CaseHistory, CaseHistoryEntry } from '../cases/index.js'

/** The fields of a baseline case record the history needs. */
interface RecordLike {
  scores: Record<string, number>
  trials?: Record<string, number[]>
  latencyMs?: number | null
}

/** One baselines folder (one past run): `<test file>::<case key>` → record. */
export type BaselineRun = Map<string, RecordLike>

/** What reading baseline folders found. */
export interface BaselineRuns {
  runs: BaselineRun[]
  /** Files that are not baseline files (skipped), with why. */
  skipped: string[]
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await jsonFiles(path)))
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path)
  }
  return out.sort()
}

function isRecord(value: unknown): value is RecordLike {
  const scores = (value as { scores?: unknown } | null)?.scores
  return typeof scores === 'object' && scores !== null && Object.values(scores).every((s) => typeof s === 'number')
}

/**
 * Reads baseline folders, oldest first (e.g. `snapshots/` plus archived copies of it from earlier runs).
 * Every `*.json` file with a `cases` object counts; a case is identified by its test file and key.
 * Throws when a folder does not exist.
 */
export async function readBaselineRuns(dirs: readonly string[]): Promise<BaselineRuns> {
  const runs: BaselineRun[] = []
  const skipped: string[] = []
  for (const dir of dirs) {
    const info = await stat(dir).catch(() => undefined)
    if (!info?.isDirectory()) throw new Error(`baselines folder not found: ${dir}`)
    const run: BaselineRun = new Map()
    for (const file of await jsonFiles(dir)) {
      let data: { file?: unknown; cases?: unknown }
      try {
        data = JSON.parse(await readFile(file, 'utf8')) as typeof data
      } catch (error) {
        skipped.push(`${file}: not valid JSON (${(error as Error).message})`)
        continue
      }
      if (typeof data?.cases !== 'object' || data.cases === null) {
        skipped.push(`${file}: not a baseline file (no "cases")`)
        continue
      }
      const testFile = typeof data.file === 'string' ? data.file : relative(dir, file).split(sep).join('/')
      for (const [key, record] of Object.entries(data.cases as Record<string, unknown>)) if (isRecord(record)) run.set(`${testFile}::${key}`, record)
    }
    runs.push(run)
  }
  return { runs, skipped }
}

/**
 * The case id a baseline key belongs to: the test name (last ` > ` segment), without a `[project] `
 * prefix or the quotes `test.for('$id')` adds in Vitest 4.
 */
export function caseIdOfKey(key: string): string {
  const name = key.split('::').pop() ?? key
  const last = name.replace(/^\[[^\]]*\] /, '').split(' > ').pop() ?? name
  return /^'.*'$|^".*"$/.test(last) ? last.slice(1, -1) : last
}

interface Series {
  key: string
  scores: number[]
  verdicts: boolean[]
  latencies: number[]
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

function trialScores(record: RecordLike, metrics: string[]): number[] | undefined {
  const lists = metrics.map((m) => record.trials?.[m]).filter((l): l is number[] => Array.isArray(l) && l.length > 0)
  if (lists.length === 0) return undefined
  const n = Math.max(...lists.map((l) => l.length))
  return Array.from({ length: n }, (_, t) => mean(lists.map((l) => l[t]).filter((x): x is number => typeof x === 'number')))
}

function seriesOf(key: string, records: RecordLike[], threshold: number | undefined): Series {
  const s: Series = { key, scores: [], verdicts: [], latencies: [] }
  for (const r of records) {
    const metrics = Object.keys(r.scores).filter((m) => m !== 'pass').sort()
    const pass = r.scores.pass ?? 0
    const trials = trialScores(r, metrics)
    s.scores.push(...(trials ?? [metrics.length > 0 ? mean(metrics.map((m) => r.scores[m]!)) : pass]))
    if (trials !== undefined && threshold !== undefined) s.verdicts.push(...trials.map((x) => x >= threshold))
    else s.verdicts.push(pass >= 0.5)
    if (typeof r.latencyMs === 'number') s.latencies.push(r.latencyMs)
  }
  return s
}

function flips(verdicts: boolean[]): number {
  let n = 0
  for (let i = 1; i < verdicts.length; i++) if (verdicts[i] !== verdicts[i - 1]) n++
  return n
}

/**
 * Per-case history from baseline runs (oldest first). A case may have several tests (one per eval step),
 * each with its own series of records: scores (per trial when a record has trials), verdicts (the test's
 * pass, or per trial against `threshold`) and latency. The case's verdicts are those of its most-flipped
 * test (else of a test whose last verdict failed), its scores those of the test closest to `threshold`,
 * and its time the sum of its tests' mean latencies.
 */
export function historyFromRuns(runs: readonly BaselineRun[], ids: readonly string[], options: { threshold?: number } = {}): CaseHistory {
  const wanted = new Set(ids)
  const byKey = new Map<string, RecordLike[]>()
  for (const run of runs) {
    for (const [key, record] of run) {
      if (!wanted.has(caseIdOfKey(key))) continue
      const list = byKey.get(key) ?? []
      list.push(record)
      byKey.set(key, list)
    }
  }
  const byCase = new Map<string, Series[]>()
  for (const key of [...byKey.keys()].sort()) {
    const id = caseIdOfKey(key)
    const list = byCase.get(id) ?? []
    list.push(seriesOf(key, byKey.get(key)!, options.threshold))
    byCase.set(id, list)
  }
  const history: Record<string, CaseHistoryEntry> = {}
  for (const [id, series] of byCase) {
    const flipped = series.reduce((best, s) => (flips(s.verdicts) > flips(best.verdicts) ? s : best), series[0]!)
    const verdicts = flips(flipped.verdicts) > 0 ? flipped : (series.find((s) => s.verdicts[s.verdicts.length - 1] === false) ?? series[0]!)
    const t = options.threshold
    const closest = t === undefined ? series[0]! : series.reduce((best, s) => (distance(s, t) < distance(best, t) ? s : best), series[0]!)
    const timed = series.filter((s) => s.latencies.length > 0)
    const entry: CaseHistoryEntry = { scores: closest.scores, passes: verdicts.verdicts }
    if (t !== undefined) entry.threshold = t
    if (timed.length > 0) entry.meanLatencyMs = Math.round(timed.reduce((sum, s) => sum + mean(s.latencies), 0) * 10) / 10
    history[id] = entry
  }
  return history
}

function distance(s: Series, threshold: number): number {
  const last = s.scores[s.scores.length - 1]
  return last === undefined ? Infinity : Math.abs(last - threshold)
}
