/**
 * Blind human pairwise review (pure): rows of input, criteria and two outputs as A/B in a seeded random
 * order with no candidate or model name anywhere (names inside outputs are masked, then every file is
 * scanned), a separate key, and the import side: win rates with Wilson CIs and human–judge agreement.
 */
import { createRng } from '../stats/rng.js'
import { wilsonInterval } from '../stats/proportions.js'
import { escapeHtml } from './html.js'
import type { CompareReport } from './report.js'

export interface PairwiseRow {
  id: string
  input: string
  criteria: string
  a: string
  b: string
}

export interface PairwiseKey {
  version: 1
  seed: number | string
  rows: Record<string, { case: string; a: string; b: string }>
}

export interface PairwiseExport {
  rows: PairwiseRow[]
  key: PairwiseKey
}

const MASK = '[model]'

function maskNames(text: string, names: readonly string[]): string {
  let out = text
  for (const n of [...names].sort((x, y) => y.length - x.length)) {
    if (n) out = out.replace(new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), MASK)
  }
  return out
}

/** Rows for every case both the reference and a candidate answered; A/B order drawn from `seed`. */
export function buildPairwise(report: CompareReport, options: { seed: number | string; criteria: string; models: Record<string, string> }): PairwiseExport {
  const rng = createRng(options.seed)
  const names = [...report.candidates.map((c) => c.name), ...Object.values(options.models)]
  const rows: PairwiseRow[] = []
  const key: PairwiseKey = { version: 1, seed: options.seed, rows: {} }
  const others = report.candidates.filter((c) => c.name !== report.reference && !c.failed).map((c) => c.name)
  for (const other of others) {
    for (const c of report.cases) {
      const ref = c.results[report.reference]
      const mine = c.results[other]
      if (!ref?.outputs.length || !mine?.outputs.length) continue
      const id = `r${String(rows.length + 1).padStart(4, '0')}`
      const swap = rng() < 0.5
      const [a, b] = swap ? [other, report.reference] : [report.reference, other]
      const text = (n: string) => maskNames(c.results[n]!.outputs.join('\n\n'), names)
      rows.push({ id, input: maskNames(c.input ?? c.id, names), criteria: maskNames(options.criteria, names), a: text(a), b: text(b) })
      key.rows[id] = { case: c.id, a, b }
    }
  }
  return { rows, key }
}

const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

export function pairwiseCsv(rows: readonly PairwiseRow[]): string {
  return ['id,input,criteria,output_a,output_b,rating', ...rows.map((r) => [r.id, r.input, r.criteria, r.a, r.b, ''].map(cell).join(','))].join('\n') + '\n'
}

export function pairwiseHtml(rows: readonly PairwiseRow[]): string {
  const body = rows
    .map((r) => `<section class="row" data-id="${escapeHtml(r.id)}"><h2>${escapeHtml(r.id)}</h2><p><b>Input</b></p><pre>${escapeHtml(r.input)}</pre><p><b>Criteria</b>: ${escapeHtml(r.criteria)}</p><div class="pair"><div><h3>A</h3><pre>${escapeHtml(r.a)}</pre></div><div><h3>B</h3><pre>${escapeHtml(r.b)}</pre></div></div><p>${['A', 'B', 'tie'].map((v) => `<label><input type="radio" name="${escapeHtml(r.id)}" value="${v}"> ${v === 'tie' ? 'tie' : `${v} is better`}</label>`).join(' ')}</p></section>`)
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blind pairwise review</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font-family:system-ui,sans-serif;margin:2em}.pair{display:flex;gap:1em}.pair>div{flex:1}pre{white-space:pre-wrap;background:#f6f6f6;padding:6px}section{border-bottom:1px solid #ccc;padding-bottom:1em}</style></head><body>
<h1>Blind pairwise review</h1><p>For each row pick the better output (or tie), then press "Download ratings" and give the CSV to <code>evalgate pairwise import</code>.</p>
${body}
<p><button id="download">Download ratings</button></p>
<script>
document.getElementById('download').addEventListener('click',function(){var lines=['id,rating'];document.querySelectorAll('section.row').forEach(function(s){var id=s.getAttribute('data-id');var c=s.querySelector('input:checked');lines.push(id+','+(c?c.value:''))});var a=document.createElement('a');a.href='data:text/csv;charset=utf-8,'+encodeURIComponent(lines.join('\\n')+'\\n');a.download='ratings.csv';a.click()});
</script></body></html>
`
}

/** Throws naming the file and the name when any candidate or model name survives in an export file. */
export function assertBlind(files: Record<string, string>, names: readonly string[]): void {
  for (const [file, text] of Object.entries(files)) {
    const lower = text.toLowerCase()
    for (const n of names) if (n && lower.includes(n.toLowerCase())) throw new Error(`evalgate pairwise export: ${file} would contain the name "${n}"; nothing was written`)
  }
}

export type HumanRating = 'A' | 'B' | 'tie'

export interface WinRate {
  candidate: string
  opponent: string
  n: number
  wins: number
  ties: number
  losses: number
  /** (wins + ties / 2) / n. */
  rate: number
  /** Two-sided 95 % Wilson interval of the rate (ties as half wins). */
  ci: [number, number]
}

/** Ratings (by row id) to per-candidate win rates; unknown ids or bad ratings throw naming the row. */
export function winRates(ratings: Record<string, HumanRating>, key: PairwiseKey): WinRate[] {
  const tally = new Map<string, { opponent: string; wins: number; ties: number; losses: number }>()
  for (const [id, rating] of Object.entries(ratings)) {
    const k = key.rows[id]
    if (!k) throw new Error(`row ${id} is not in the key`)
    for (const [me, them, won] of [[k.a, k.b, 'A'], [k.b, k.a, 'B']] as const) {
      const t = tally.get(`${me}\u0000${them}`) ?? { opponent: them, wins: 0, ties: 0, losses: 0 }
      if (rating === 'tie') t.ties++
      else if (rating === won) t.wins++
      else t.losses++
      tally.set(`${me}\u0000${them}`, t)
    }
  }
  return [...tally.entries()]
    .map(([k, t]) => {
      const n = t.wins + t.ties + t.losses
      const score = t.wins + t.ties / 2
      // Wilson on the doubled counts keeps half-wins integral (a tie counts as one win out of two).
      const ci = wilsonInterval(2 * t.wins + t.ties, 2 * n, 1.959964)
      return { candidate: k.split('\u0000')[0]!, opponent: t.opponent, n, wins: t.wins, ties: t.ties, losses: t.losses, rate: n ? score / n : 0, ci: [ci.lower, ci.upper] as [number, number] }
    })
    .sort((a, b) => a.candidate.localeCompare(b.candidate))
}

/** Share of rows where the judge's verdict (A/B/tie) equals the human's. */
export function agreement(human: Record<string, HumanRating>, judge: Record<string, HumanRating>): { n: number; agree: number; rate: number | null } {
  const ids = Object.keys(human).filter((id) => id in judge)
  const agree = ids.filter((id) => human[id] === judge[id]).length
  return { n: ids.length, agree, rate: ids.length ? agree / ids.length : null }
}
