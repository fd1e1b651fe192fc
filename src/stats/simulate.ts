/**
 * Seeded simulation of the gate on synthetic suites: false-alarm rate (no change) and power
 * (a real drop). Shared by the tests and the README table generator.
 *
 * Model: each of n cases gets a latent pass rate p_i ~ Beta with mean `passRate` and intra-case
 * correlation `correlation` (see latentRate). Baseline trials are K Bernoulli(p_i) draws, candidate
 * trials K Bernoulli(max(0, p_i − drop)) draws, all independent given p_i. Each replicate runs
 * gateSuite on the resulting suite; the share judged `degraded` is the false-alarm rate when
 * drop = 0 and the power when drop > 0.
 */
import { gateSuite, type GateCase, type GateMethod, type ResolvedGateMethod } from './gate.js'
import { createRng, type Rng } from './rng.js'
import { bernoulli, latentRate } from './sampling.js'

export interface SuiteModel {
  /** Number of cases. */
  n: number
  /** Trials per case and side. */
  k: number
  /** Drop of every case's pass rate in the candidate (0.05 = 5 points); clamped at 0 and 1. */
  drop: number
  /** Mean latent pass rate. Default 0.8. */
  passRate?: number
  /** Intra-case correlation of trials. Default 0.5. */
  correlation?: number
}

export interface SimulationOptions extends SuiteModel {
  /** Replicates. Default 500. */
  reps?: number
  /** Seed of the whole simulation. Default 1. */
  seed?: number | string
  /** Gate level. Default 0.05. */
  alpha?: number
  /** Gate margin. Default 0.02. */
  margin?: number
  /** Gate method. Default 'auto'. */
  method?: GateMethod
}

export interface SimulationResult {
  n: number
  k: number
  drop: number
  reps: number
  /** Share of replicates judged 'degraded': the false-alarm rate when drop = 0, else the power. */
  degradedRate: number
  /** Share judged 'non-inferior'. */
  nonInferiorRate: number
  /** Share judged 'inconclusive'. */
  inconclusiveRate: number
  /** Monte Carlo standard error of degradedRate, √(r(1 − r)/reps). */
  standardError: number
  /** Tests the gate used across replicates (distinct, sorted). */
  methods: ResolvedGateMethod[]
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`simulate: ${name} must be a positive integer, got ${value}`)
}

/** One synthetic suite drawn from the model with the given generator. */
export function simulateSuite(rng: Rng, model: SuiteModel): GateCase[] {
  const { n, k, drop, passRate = 0.8, correlation = 0.5 } = model
  assertPositiveInteger(n, 'n')
  assertPositiveInteger(k, 'k')
  if (!Number.isFinite(drop)) throw new RangeError(`simulate: drop must be finite, got ${drop}`)
  const cases: GateCase[] = []
  for (let i = 0; i < n; i++) {
    const p = latentRate(rng, passRate, correlation)
    const q = Math.min(1, Math.max(0, p - drop))
    const baseline: number[] = []
    const candidate: number[] = []
    for (let t = 0; t < k; t++) baseline.push(bernoulli(rng, p))
    for (let t = 0; t < k; t++) candidate.push(bernoulli(rng, q))
    cases.push({ id: `case-${String(i).padStart(6, '0')}`, baseline, candidate })
  }
  return cases
}

/** Runs the gate on `reps` seeded synthetic suites and reports how often it judged 'degraded'. */
export function simulateGate(options: SimulationOptions): SimulationResult {
  const { reps = 500, seed = 1, alpha = 0.05, margin = 0.02, method = 'auto' } = options
  assertPositiveInteger(reps, 'reps')
  const rng = createRng(seed)
  const counts = { degraded: 0, 'non-inferior': 0, inconclusive: 0 }
  const methods = new Set<ResolvedGateMethod>()
  for (let r = 0; r < reps; r++) {
    const result = gateSuite({ cases: simulateSuite(rng, options), options: { alpha, margin, method, seed: r } })
    counts[result.verdict]++
    methods.add(result.method)
  }
  const degradedRate = counts.degraded / reps
  return {
    n: options.n,
    k: options.k,
    drop: options.drop,
    reps,
    degradedRate,
    nonInferiorRate: counts['non-inferior'] / reps,
    inconclusiveRate: counts.inconclusive / reps,
    standardError: Math.sqrt((degradedRate * (1 - degradedRate)) / reps),
    methods: [...methods].sort(),
  }
}

export interface PowerTableOptions {
  /** Suite sizes (rows). Default [50, 100, 200]. */
  ns?: readonly number[]
  /** Trials per case (rows). Default [1, 3]. */
  ks?: readonly number[]
  /** Drops (columns); 0 measures false alarms. Default [0, 0.05, 0.1]. */
  drops?: readonly number[]
  /** Replicates per cell. Default 2000 (about 6 s for the default grid). */
  reps?: number
  /** Base seed; each cell is seeded from it and its n, K and drop. Default 1. */
  seed?: number | string
  alpha?: number
  margin?: number
  passRate?: number
  correlation?: number
}

export interface PowerTableRow {
  n: number
  k: number
  /** Tests the gate used in this row. */
  methods: ResolvedGateMethod[]
  /** degradedRate for each drop, in the order of `drops`. */
  rates: number[]
}

/** Simulates every (n, K, drop) cell; rows ordered by n, then K. */
export function powerTable(options: PowerTableOptions = {}): PowerTableRow[] {
  const { ns = [50, 100, 200], ks = [1, 3], drops = [0, 0.05, 0.1], reps = 2000, seed = 1, ...model } = options
  const rows: PowerTableRow[] = []
  for (const n of ns) {
    for (const k of ks) {
      const cells = drops.map((drop) => simulateGate({ ...model, n, k, drop, reps, seed: `${seed}:${n}:${k}:${drop}` }))
      rows.push({ n, k, methods: [...new Set(cells.flatMap((c) => c.methods))].sort(), rates: cells.map((c) => c.degradedRate) })
    }
  }
  return rows
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`
}

/**
 * The power table as Markdown: one row per (n, K), one column per drop (share of simulated runs
 * judged 'degraded'), followed by a one-line description of the model.
 */
export function powerTableMarkdown(options: PowerTableOptions = {}): string {
  const { drops = [0, 0.05, 0.1], reps = 2000, alpha = 0.05, margin = 0.02, passRate = 0.8, correlation = 0.5 } = options
  const rows = powerTable(options)
  const heads = drops.map((d) => (d === 0 ? 'no change (false alarms)' : `${Math.round(d * 100)}-point drop`))
  const lines = [
    `| n | K | test | ${heads.join(' | ')} |`,
    `|---:|---:|:---|${heads.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.n} | ${r.k} | ${r.methods.join(', ')} | ${r.rates.map(percent).join(' | ')} |`),
  ]
  const model =
    `Share of ${reps} simulated runs per cell judged \`degraded\` (pass rate ${passRate}, case correlation ${correlation}, ` +
    `α = ${alpha} one-sided, margin ${margin}).`
  return `${lines.join('\n')}\n\n${model}\n`
}
