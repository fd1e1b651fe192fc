/**
 * The self-contained HTML comparison report (pure): decision, dimension scores, latency distributions and a
 * cost-vs-quality chart in plain inline SVG, and a per-case table with the candidates' outputs side by
 * side, filterable by category and "worse than reference". No external resource of any kind.
 */
import type { CompareReport } from './report.js'

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

const n = (x: number | null | undefined, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a')
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2']

function latencySvg(r: CompareReport): string {
  const rows = r.candidates.filter((c) => c.operational.latencyMs)
  if (!rows.length) return '<p>No latency data.</p>'
  const max = Math.max(...rows.map((c) => c.operational.latencyMs!.p99)) || 1
  const h = 24 * rows.length * 3 + 20
  const bars = rows.flatMap((c, i) =>
    (['p50', 'p95', 'p99'] as const).map((p, j) => {
      const v = c.operational.latencyMs![p]
      const y = 10 + (i * 3 + j) * 24
      const w = Math.max(1, (v / max) * 360)
      return `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(c.name)} ${p}</text><rect x="170" y="${y}" width="${w.toFixed(1)}" height="18" fill="${COLORS[i % COLORS.length]}" opacity="${1 - j * 0.25}"/><text x="${(175 + w).toFixed(1)}" y="${y + 14}" font-size="12" data-latency="${escapeHtml(c.name)}-${p}">${Math.round(v)} ms</text>`
    }),
  )
  return `<svg role="img" aria-label="latency distribution" width="620" height="${h}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`
}

function costQualitySvg(r: CompareReport): string {
  const pts = r.candidates.filter((c) => c.cost.per1kRequestsUsd !== null && typeof c.scores[r.metric] === 'number')
  if (!pts.length) return '<p>No cost data (no pricing configured).</p>'
  const maxX = Math.max(...pts.map((c) => c.cost.per1kRequestsUsd!)) * 1.15 || 1
  const W = 420
  const H = 260
  const x = (v: number) => 50 + (v / maxX) * (W - 70)
  const y = (v: number) => H - 30 - v * (H - 50)
  // Labels of points that coincide are stacked (one line per candidate) instead of printed over each other.
  const dots = pts
    .map((c, i) => {
      const cx = x(c.cost.per1kRequestsUsd!)
      const cy = y(c.scores[r.metric]!)
      return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="6" fill="${COLORS[i % COLORS.length]}"/><text x="${(cx + 8).toFixed(1)}" y="${(cy - 8 + i * 14).toFixed(1)}" font-size="12">${escapeHtml(c.name)}</text>`
    })
    .join('')
  // Axis ends, so the chart reads without the tables: cost 0 → max, score 0 → 1.
  const ticks = `<text x="50" y="${H - 16}" font-size="10" text-anchor="middle">0</text><text x="${(W - 20).toFixed(1)}" y="${H - 16}" font-size="10" text-anchor="end">${n(maxX, 4)}</text><text x="44" y="${H - 30}" font-size="10" text-anchor="end">0</text><text x="44" y="${y(1) + 4}" font-size="10" text-anchor="end">1</text>`
  return `<svg role="img" aria-label="cost vs quality" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><line x1="50" y1="${H - 30}" x2="${W - 10}" y2="${H - 30}" stroke="#888"/><line x1="50" y1="10" x2="50" y2="${H - 30}" stroke="#888"/><text x="${W / 2}" y="${H - 5}" font-size="12" text-anchor="middle">USD per 1,000 requests</text><text x="12" y="${H / 2}" font-size="12" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">${escapeHtml(r.metric)}</text>${ticks}${dots}</svg>`
}

export function renderCompareHtml(r: CompareReport): string {
  const names = r.candidates.map((c) => c.name)
  const dims = [...new Set(r.decision.table.flatMap((t) => Object.keys(t.dimensions)))]
  const dimRows = r.decision.table
    .map((t) => `<tr data-candidate="${escapeHtml(t.name)}"><td>${escapeHtml(t.name)}</td>${dims.map((d) => `<td class="num">${n(t.dimensions[d], 1)}</td>`).join('')}<td class="num total">${n(t.total, 1)}</td><td>${escapeHtml(t.failed ? `failed: ${t.failed}` : t.disqualified.length ? `disqualified: ${t.disqualified.join('; ')}` : t.name === r.decision.choice ? 'chosen' : 'qualified')}${t.missing.length ? `<br><small>missing data: ${escapeHtml(t.missing.join(', '))}</small>` : ''}</td></tr>`)
    .join('')
  const costRows = r.candidates
    .map((c) => `<tr><td>${escapeHtml(c.name)}</td><td class="num">${n(c.cost.evalSetUsd, 6)}</td><td class="num">${n(c.cost.per1kRequestsUsd, 4)}</td><td class="num">${n(c.cost.perSuccessUsd, 6)}</td><td class="num">${n(c.qualityPerDollar, 1)}</td><td class="num">${n(c.operational.failureRate === null ? null : c.operational.failureRate * 100, 1)}</td><td>${escapeHtml(c.failed ?? c.cost.missing ?? '')}</td></tr>`)
    .join('')
  const worse = new Set(r.headToHead.flatMap((h) => h.underperforming.map((u) => u.id)))
  const cats = [...new Set(r.cases.map((c) => c.category).filter((c): c is string => c !== undefined))].sort()
  const caseRows = r.cases
    .map((c) => `<tr data-category="${escapeHtml(c.category ?? '')}" data-worse="${worse.has(c.id)}"><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.category ?? '')}</td>${names.map((nm) => {
      const x = c.results[nm]
      if (!x) return '<td>—</td>'
      const scores = Object.entries(x.scores).map(([k, v]) => `${escapeHtml(k)} ${n(v)}`).join(' · ')
      return `<td><div class="scores">${scores}</div>${x.outputs.map((o) => `<pre>${escapeHtml(o)}</pre>`).join('')}</td>`
    }).join('')}</tr>`)
    .join('')
  const h2h = r.headToHead
    .map((h) => `<h3>${escapeHtml(h.candidate)} vs ${escapeHtml(h.reference)} (${h.paired} paired cases)</h3><table><tr><th>metric</th><th>reference</th><th>candidate</th><th>diff</th><th>CI</th><th>p</th><th>verdict</th></tr>${h.metrics.map((m) => `<tr><td>${escapeHtml(m.metric)}</td><td class="num">${n(m.reference)}</td><td class="num">${n(m.candidate)}</td><td class="num">${n(m.diff)}</td><td class="num">[${n(m.ci[0])}, ${n(m.ci[1])}]</td><td class="num">${n(m.p, 3)}</td><td>${m.verdict}</td></tr>`).join('')}</table>`)
    .join('')
  const data = JSON.stringify({ decision: r.decision.line, choice: r.decision.choice }).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>evalgate model comparison</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}pre{white-space:pre-wrap;max-width:40em;margin:4px 0;background:#f6f6f6;padding:4px}.decision{font-size:1.2em;padding:.6em;border-left:4px solid #2563eb;background:#eef4ff}.scores{font-size:.85em;color:#555}</style>
</head><body>
<h1>Model comparison</h1>
<p class="decision" id="decision">${escapeHtml(r.decision.line)}</p>
<h2>Dimension scores (0–10)</h2>
<table id="dimensions"><tr><th>candidate</th>${dims.map((d) => `<th>${escapeHtml(d)}</th>`).join('')}<th>total</th><th>status</th></tr>${dimRows}</table>
<h2>Head to head</h2>${h2h || '<p>No head-to-head (fewer than two candidates measured).</p>'}
<h2>Latency</h2>${latencySvg(r)}
<h2>Cost vs quality</h2>${costQualitySvg(r)}
<table id="cost"><tr><th>candidate</th><th>eval set USD</th><th>per 1,000 requests USD</th><th>per successful output USD</th><th>quality per $</th><th>failure %</th><th>note</th></tr>${costRows}</table>
<h2>Cases</h2>
<label>category <select id="category"><option value="">all</option>${cats.map((c) => `<option>${escapeHtml(c)}</option>`).join('')}</select></label>
<label><input type="checkbox" id="worse"> worse than reference only</label> · showing <span id="shown"></span>
<table id="cases"><thead><tr><th>case</th><th>category</th>${names.map((nm) => `<th>${escapeHtml(nm)}</th>`).join('')}</tr></thead><tbody>${caseRows}</tbody></table>
<script type="application/json" id="report-data">${data}</script>
<script>
(function(){var cat=document.getElementById('category'),w=document.getElementById('worse'),shown=document.getElementById('shown');
function apply(){var rows=document.querySelectorAll('#cases tbody tr'),k=0;rows.forEach(function(tr){var ok=(!cat.value||tr.getAttribute('data-category')===cat.value)&&(!w.checked||tr.getAttribute('data-worse')==='true');tr.style.display=ok?'':'none';if(ok)k++});shown.textContent=k+' of '+rows.length+' cases';}
cat.addEventListener('change',apply);w.addEventListener('change',apply);apply();})();
</script>
</body></html>
`
}
