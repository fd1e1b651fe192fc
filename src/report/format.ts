/** Number and text formatting shared by the terminal report, the job summary and annotations. */
import type { Rate, SuiteVerdict } from '../gate/types.js'
import type { Distribution } from '../stats/percentile.js'

/** A score: `0.93`. */
export const score = (x: number): string => x.toFixed(2)

/** A signed difference with a real minus sign: `−0.07`, `+0.00`. */
export function signed(x: number, digits = 2): string {
  const r = Number(Math.abs(x).toFixed(digits))
  return `${x < 0 && r !== 0 ? '−' : '+'}${r.toFixed(digits)}`
}

/** A confidence interval: `[−0.12, +0.01]`. */
export const interval = (ci: readonly [number, number]): string => `[${signed(ci[0])}, ${signed(ci[1])}]`

/** A p-value with two significant digits, `<0.001` below that. */
export function pValue(p: number): string {
  if (p < 0.001) return '<0.001'
  return p >= 0.995 ? '1.00' : p.toPrecision(2)
}

/** A share in percent: `93%`, `6.7%` below 10. */
export function percent(x: number): string {
  const p = x * 100
  return p > 0 && p < 10 && !Number.isInteger(p) ? `${p.toFixed(1)}%` : `${Math.round(p)}%`
}

/** Milliseconds, rounded. */
export const ms = (x: number): string => `${Math.round(x)}`

/** `p50 120 · p95 300 · p99 310 ms`. */
export const percentiles = (d: Distribution): string => `p50 ${ms(d.p50)} · p95 ${ms(d.p95)} · p99 ${ms(d.p99)} ms`

/** A token count: `950`, `12.3k`, `4.1M`. */
export function tokens(n: number): string {
  if (n < 10_000) return `${n}`
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`
  return `${(n / 1_000_000).toFixed(1)}M`
}

/** US dollars with enough digits for tiny per-test costs: `$0.0012`, `$1.25`. */
export function usd(x: number): string {
  if (x === 0) return '$0'
  if (x >= 1) return `$${x.toFixed(2)}`
  return `$${x.toPrecision(2)}`
}

/** `2/10`. */
export const ratio = (r: Rate): string => `${r.count}/${r.of}`

/** Verdict words as printed. */
export const VERDICT_LABEL: Record<SuiteVerdict, string> = {
  degraded: 'DEGRADED',
  'non-inferior': 'non-inferior',
  inconclusive: 'inconclusive',
  'no-baseline': 'no baseline yet',
}

/** `1 suite`, `2 suites`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`
