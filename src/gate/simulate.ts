/**
 * Seeded simulation of the gate on synthetic suites: false-alarm rate (no change) and power
 * (a real drop), for the tests and benchmarks of the gate; offline tooling, exported by `evalgate/tools`.
 *
 * Model: each of n cases gets a latent pass rate p_i ~ Beta with mean `passRate` and intra-case
 * correlation `correlation` (see latentRate). Baseline trials are K Bernoulli(p_i) draws, candidate
 * trials K Bernoulli(max(0, p_i − drop)) draws, all independent given p_i. Each replicate runs
 * gateSuite on the resulting suite; the share judged `degraded` is the false-alarm rate when
 * drop = 0 and the power when drop > 0.
 */
import { gateSuite, type GateCase, type GateMethod, type ResolvedGateMethod } from './decide.js'
import { createRng, normal, type Rng } from '../stats/rng.js'
import { bernoulli, latentRate } from '../stats/sampling.js'

export interface SuiteModel {
  /** Number of cases. */
  n: number
  /** Trials per case and side. */
  k: number
  /** Drop of every case's pass rate in the candidate (0.05 = 5 points); clamped at 0 and 1. */
  drop: number
  /** Mean latent pass rate. Default 0.8. */
  passRate?: number
  /** Intra-case correlation of trials (`latent` process). Default 0.5. */
  correlation?: number
  /**
   * Data-generating process of the per-case pass rates: `latent` (p_i ~ Beta with mean `passRate` and
   * intra-case correlation `correlation`, the original model), `independent` (every call independent with
   * the same p = `passRate`), `heterogeneous` (case difficulty: half the cases easy p = 0.99, 30% medium
   * p = 0.75, 20% hard p = 0.3; mean 0.78, `passRate` ignored). Default `latent`.
   */
  process?: 'latent' | 'independent' | 'heterogeneous'
  /** Baseline trials per case (K_b), when the baseline holds more evidence than the candidate. Default `k`. */
  baselineTrials?: number
  /**
   * Run-level shared noise: cases come in clusters of `clusterSize`; each run (baseline, candidate) draws
   * one shock per cluster, N(0, clusterShock), added to its cases' pass rates (clamped to [0, 1]). Default
   * 0 (no shock).
   */
  clusterShock?: number
  /** Cases per cluster. Default 5. */
  clusterSize?: number
  /** Declare the clusters to the gate (GateCase.cluster), so its SE is cluster-robust. Default false. */
  declareClusters?: boolean
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

function caseRate(rng: Rng, model: SuiteModel): number {
  const { passRate = 0.8, correlation = 0.5, process = 'latent' } = model
  if (process === 'independent') return passRate
  if (process === 'heterogeneous') {
    const u = rng()
    return u < 0.5 ? 0.99 : u < 0.8 ? 0.75 : 0.3
  }
  return latentRate(rng, passRate, correlation)
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
  /** Holm family size the reported MDE assumes (GateOptions.familySize). Default 1. */
  familySize?: number
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
  /** Mean of the MDE the gate reported over the replicates (null when it reported none). */
  meanMde: number | null
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`simulate: ${name} must be a positive integer, got ${value}`)
}

/** One synthetic suite drawn from the model with the given generator. */
export function simulateSuite(rng: Rng, model: SuiteModel): GateCase[] {
  const { n, k, drop, clusterShock = 0, clusterSize = 5, declareClusters = false } = model
  const kb = model.baselineTrials ?? k
  assertPositiveInteger(n, 'n')
  assertPositiveInteger(k, 'k')
  assertPositiveInteger(kb, 'baselineTrials')
  assertPositiveInteger(clusterSize, 'clusterSize')
  if (!Number.isFinite(drop)) throw new RangeError(`simulate: drop must be finite, got ${drop}`)
  const cases: GateCase[] = []
  let shockB = 0
  let shockC = 0
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / clusterSize)
    if (clusterShock > 0 && i % clusterSize === 0) {
      shockB = normal(rng, 0, clusterShock)
      shockC = normal(rng, 0, clusterShock)
    }
    const p0 = caseRate(rng, model)
    const p = clamp01(p0 + shockB)
    const q = clamp01(p0 - drop + shockC)
    const baseline: number[] = []
    const candidate: number[] = []
    for (let t = 0; t < kb; t++) baseline.push(bernoulli(rng, p))
    for (let t = 0; t < k; t++) candidate.push(bernoulli(rng, q))
    cases.push({ id: `case-${String(i).padStart(6, '0')}`, baseline, candidate, ...(declareClusters ? { cluster: `g${g}` } : {}) })
  }
  return cases
}

/** Runs the gate on `reps` seeded synthetic suites and reports how often it judged 'degraded'. */
export function simulateGate(options: SimulationOptions): SimulationResult {
  const { reps = 500, seed = 1, alpha = 0.05, margin = 0.02, method = 'auto', familySize = 1 } = options
  assertPositiveInteger(reps, 'reps')
  const rng = createRng(seed)
  const counts = { degraded: 0, 'non-inferior': 0, inconclusive: 0 }
  const methods = new Set<ResolvedGateMethod>()
  let mdeSum = 0
  let mdeCount = 0
  for (let r = 0; r < reps; r++) {
    const result = gateSuite({ cases: simulateSuite(rng, options), options: { alpha, margin, method, seed: r, familySize } })
    counts[result.verdict]++
    methods.add(result.method)
    if (result.mde !== null) (mdeSum += result.mde), mdeCount++
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
    meanMde: mdeCount ? mdeSum / mdeCount : null,
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
  process?: SuiteModel['process']
  baselineTrials?: number
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
