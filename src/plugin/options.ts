import { Ajv, type ErrorObject } from 'ajv'
import { rateKeyProblems } from '../failures/gate.js'
import { DEFAULT_JUDGE_OPTIONS, judgeOptionsSchema, type JudgeOptions, type ResolvedJudgeOptions } from '../matchers/judge-options.js'
import { embeddingsOptionsSchema, type EmbeddingsOptions } from '../embeddings/options.js'
import { CACHE_MODES, type CacheMode, type ResolvedCacheOptions } from '../cache/types.js'

/**
 * Options of the `evalgate()` Vitest plugin. This file is the single source of truth for their shape and
 * defaults: the plugin validates against {@link optionsSchema} at start-up and workers read the resolved
 * values through Vitest's `provide`/`inject`.
 */
export interface EvalgateOptions {
  /** Measurement of OpenAI-compatible calls made through `wrapOpenAI`. */
  measure?: {
    /**
     * Ask streaming endpoints for token usage (`stream_options.include_usage`) when the caller did not.
     * The extra usage-only chunk is removed before the caller sees the stream. Default `true`.
     */
    requestUsage?: boolean
  }
  /** Defaults for `toMatchSchema`; each call can override them. */
  schema?: {
    /** Demand that the whole output be JSON (no fences, no prose). Default `false`. */
    strict?: boolean
    /** Custom keywords every schema may use (unknown keywords are a schema error). Default none. */
    allowKeywords?: string[]
    /** Custom formats every schema may use (unknown formats are a schema error). Default none. */
    allowFormats?: string[]
  }
  /** The evalgate summary printed after the run, beside Vitest's own reporter. */
  reporter?: {
    /** Print the evalgate summary to the terminal. Default `true`. */
    terminal?: boolean
    /** Write a JSON report of every case and aggregate to this path (relative to the root). `false` = none. Default `false`. */
    json?: string | false
    /** Write a markdown job summary and annotations when `GITHUB_ACTIONS` is set. Default `true`. */
    github?: boolean
    /**
     * Test annotations with the case's evalgate numbers (shown in @vitest/ui and the HTML report beside the
     * test meta): `'failures'` (default) for failed and regressed cases, `'all'` for every case (about 1 ms a
     * test), `'off'`.
     */
    annotations?: 'all' | 'failures' | 'off'
    /**
     * Besides the one-line `evalgate` annotation, one annotation per metric of an annotated case —
     * `evalgate.<metric>` and `evalgate.baseline.<metric>` (plus `evalgate.status`, `evalgate.latency_ms`,
     * `evalgate.tokens`, `evalgate.cost_usd`) — which Vitest's junit reporter writes as one `<property>`
     * each. `'auto'` (default): on when the junit reporter is configured.
     */
    metricAnnotations?: boolean | 'auto'
  }
  /** Score baselines stored in the repository. */
  baselines?: {
    /** Record and compare baselines. Default `true`. */
    enabled?: boolean
    /** Folder of the baseline files, relative to the project root. Default `'snapshots'`. */
    dir?: string
    /**
     * Trials per case when baselines are re-recorded with `vitest run -u`: `evalCases` runs each case
     * max(`cases.trials`, this) times, so the baseline holds more evidence than a PR run. Default 1.
     */
    trials?: number
  }
  /** When the build fails. */
  gate?: GateConfig
  /** Prices in USD per one million tokens, by model id, for cost figures. */
  pricing?: Record<string, { input: number; output: number }>
  /** The LLM judge of `toPassRubric`, `toRefuse({ judge: true })` and `comparePairwise`; each call can override it. */
  judge?: JudgeOptions
  /** The embeddings endpoint of `toBeSimilarTo`; defaults to the judge's endpoint and key. */
  embeddings?: EmbeddingsOptions
  /**
   * Record/replay cache of model, judge and embedding calls made through `wrapOpenAI`. Off unless set
   * (`cache: true` = defaults). `EVALGATE_CACHE` overrides the mode when the cache is configured.
   */
  cache?: boolean | {
    /** `read-write` (default, locally and on CI), `replay` (offline: a miss fails), `record` (always call, overwrite) or `off`. */
    mode?: CacheMode
    /** Cache folder, relative to the project root; commit it to replay on CI. Default `'.evalgate/cache'`. */
    dir?: string
    /**
     * A name that stands for the host and port of every call's endpoint in cache keys (the path is kept).
     * Without it the key holds host and port, so two local servers on different ports never share entries;
     * set it when the suite starts its own local server on a random port, and only then (every endpoint of
     * the run is keyed under this one name). Default: none.
     */
    endpointAlias?: string
  }
  /** Eval sets run with `evalCases` / `evalSuite`. */
  cases?: {
    /** Most cases in flight at once per worker (a semaphore across all eval sets of the worker). Default: no limit beyond Vitest's `maxConcurrency`. */
    concurrency?: number
    /** Subset file (from `evalgate select`), relative to the project root: only its cases run unless `EVALGATE_FULL=1`. */
    subset?: string
    /** Runs of every case (Vitest `repeats: trials - 1`); baselines average per trial. Default 1. */
    trials?: number
  }
}

/** Degradation gate settings: per case (tolerance, ratios) and per suite (statistics). */
export interface GateConfig {
  /** Allowed per-case score drop, for all metrics or by metric name (`'*'` = default). Default 0. */
  tolerance?: number | Record<string, number>
  /** Fail a case whose mean latency grows by more than this factor. Off by default. */
  latencyRatio?: number
  /** Same for time to first token. Off by default. */
  ttftRatio?: number
  /** Same for tokens. Off by default. */
  tokensRatio?: number
  /** Same for cost. Off by default. */
  costRatio?: number
  /** One-sided significance level of the suite test. Default 0.05. */
  alpha?: number
  /** Practical margin: drops smaller than this never fail the suite. Default 0.02. */
  margin?: number
  /** Suite test: `'auto'` = exact sign test for 0/1 scores with one trial, else paired t. Default `'auto'`. */
  method?: 'auto' | 't' | 'sign' | 'bootstrap'
  /** Seed for the bootstrap. Default 0. */
  seed?: number
  /** Fail the run (exit code 1) when a suite's verdict is `degraded` or a critical case dropped. Default `true`. */
  failOnDegraded?: boolean
  /**
   * The gated (primary) metrics: only these form the suite gate's Holm family and can fail a suite; other
   * metrics are reported only. Default: every metric (`pass` included).
   */
  metrics?: string[]
  /**
   * Where a case's cluster (cases sharing run-level noise) comes from: `'case'` = the case's `cluster` field
   * (`tagCase({ cluster })`), `'category'` = its category, `'none'` = independent cases. Default `'case'`.
   */
  clusters?: 'case' | 'category' | 'none'
  /**
   * Failure-rate limits (issue 13), pooled over the run: `kind` or `kind@category` → `{ max }` in (0, 1), e.g.
   * `{ hallucination: { max: 0.005 }, 'refusal@billing': { max: 0.02 } }`. The run fails when a rate is
   * significantly above its limit (exact binomial test at `alpha`, Holm across keys). Off by default.
   */
  failureRates?: Record<string, { max: number }>
}

/** Options after defaults are applied: what workers receive. Plain data (survives structuredClone). */
export interface ResolvedOptions {
  measure: { requestUsage: boolean }
  schema: { strict: boolean; allowKeywords?: string[]; allowFormats?: string[] }
  reporter: { terminal: boolean; json: string | false; github: boolean; annotations: 'all' | 'failures' | 'off'; metricAnnotations: boolean | 'auto' }
  /** `updating`: the run re-records baselines (`-u`), set by the plugin per project. */
  baselines: { enabled: boolean; dir: string; trials: number; updating?: boolean }
  gate: Required<Omit<GateConfig, 'latencyRatio' | 'ttftRatio' | 'tokensRatio' | 'costRatio' | 'metrics' | 'failureRates'>> &
    Pick<GateConfig, 'latencyRatio' | 'ttftRatio' | 'tokensRatio' | 'costRatio' | 'metrics' | 'failureRates'>
  pricing: Record<string, { input: number; output: number }>
  judge: ResolvedJudgeOptions
  embeddings: EmbeddingsOptions
  cache: ResolvedCacheOptions
  cases: { concurrency?: number; subset?: string; trials: number }
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  measure: { requestUsage: true },
  schema: { strict: false },
  reporter: { terminal: true, json: false, github: true, annotations: 'failures', metricAnnotations: 'auto' },
  baselines: { enabled: true, dir: 'snapshots', trials: 1 },
  gate: { tolerance: 0, alpha: 0.05, margin: 0.02, method: 'auto', seed: 0, failOnDegraded: true, clusters: 'case' },
  pricing: {},
  judge: DEFAULT_JUDGE_OPTIONS,
  embeddings: {},
  cache: { enabled: false, mode: 'read-write', dir: '.evalgate/cache' },
  cases: { trials: 1 },
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    measure: {
      type: 'object',
      additionalProperties: false,
      properties: { requestUsage: { type: 'boolean' } },
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        strict: { type: 'boolean' },
        allowKeywords: { type: 'array', items: { type: 'string', minLength: 1 } },
        allowFormats: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    reporter: {
      type: 'object',
      additionalProperties: false,
      properties: {
        terminal: { type: 'boolean' },
        json: { anyOf: [{ type: 'string', minLength: 1 }, { const: false }] },
        github: { type: 'boolean' },
        annotations: { enum: ['all', 'failures', 'off'] },
        metricAnnotations: { enum: [true, false, 'auto'] },
      },
    },
    baselines: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, dir: { type: 'string', minLength: 1 }, trials: { type: 'integer', minimum: 1 } },
    },
    gate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tolerance: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'object', additionalProperties: { type: 'number', minimum: 0 } }] },
        latencyRatio: { type: 'number', exclusiveMinimum: 0 },
        ttftRatio: { type: 'number', exclusiveMinimum: 0 },
        tokensRatio: { type: 'number', exclusiveMinimum: 0 },
        costRatio: { type: 'number', exclusiveMinimum: 0 },
        alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5 },
        margin: { type: 'number', minimum: 0, maximum: 1 },
        method: { enum: ['auto', 't', 'sign', 'bootstrap'] },
        seed: { type: 'integer' },
        failOnDegraded: { type: 'boolean' },
        metrics: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
        clusters: { enum: ['case', 'category', 'none'] },
        failureRates: {
          type: 'object',
          additionalProperties: { type: 'object', additionalProperties: false, required: ['max'], properties: { max: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
        },
      },
    },
    pricing: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['input', 'output'],
        properties: { input: { type: 'number', minimum: 0 }, output: { type: 'number', minimum: 0 } },
      },
    },
    judge: judgeOptionsSchema,
    embeddings: embeddingsOptionsSchema,
    cache: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: { mode: { enum: [...CACHE_MODES] }, dir: { type: 'string', minLength: 1 }, endpointAlias: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' } },
        },
      ],
    },
    cases: {
      type: 'object',
      additionalProperties: false,
      properties: {
        concurrency: { type: 'integer', minimum: 1 },
        subset: { type: 'string', minLength: 1 },
        trials: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const

/** Thrown at start-up when the plugin options are wrong; the message names the option. */
export class EvalgateOptionsError extends Error {
  override name = 'EvalgateOptionsError'
}

let validator: ReturnType<Ajv['compile']> | undefined

/** Validates user options and applies defaults. Throws {@link EvalgateOptionsError} naming every bad option. */
export function resolveOptions(options: unknown = {}): ResolvedOptions {
  validator ??= new Ajv({ allErrors: true }).compile(optionsSchema)
  if (!validator(options ?? {})) {
    const problems = describeOptionErrors(validator.errors ?? [])
    throw new EvalgateOptionsError(`evalgate: invalid plugin options:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  const o = (options ?? {}) as EvalgateOptions
  const rateProblems = rateKeyProblems(o.gate?.failureRates)
  if (rateProblems.length) throw new EvalgateOptionsError(`evalgate: invalid plugin options:\n${rateProblems.map((p) => `  - ${p}`).join('\n')}`)
  return {
    measure: { ...DEFAULT_OPTIONS.measure, ...o.measure },
    schema: { ...DEFAULT_OPTIONS.schema, ...o.schema },
    reporter: { ...DEFAULT_OPTIONS.reporter, ...o.reporter },
    baselines: { ...DEFAULT_OPTIONS.baselines, ...o.baselines },
    gate: { ...DEFAULT_OPTIONS.gate, ...o.gate },
    pricing: { ...o.pricing },
    judge: { ...DEFAULT_JUDGE_OPTIONS, ...o.judge },
    embeddings: { ...o.embeddings },
    cache: resolveCache(o.cache),
    cases: { ...DEFAULT_OPTIONS.cases, ...o.cases },
  }
}

function resolveCache(cache: EvalgateOptions['cache']): ResolvedCacheOptions {
  const given = typeof cache === 'object' ? cache : {}
  return { ...DEFAULT_OPTIONS.cache, ...given, enabled: cache !== undefined && cache !== false }
}

function optionPath(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).join('.')
}

/** What one alternative of an `anyOf` accepts, in words (`a string`, `false`, `one of "a", "b"`). */
function alternative(error: ErrorObject): string {
  const params = error.params as { type?: string; allowedValue?: unknown; allowedValues?: unknown[] }
  if (error.keyword === 'type') return `${params.type === 'object' || params.type === 'array' || params.type === 'integer' ? 'an' : 'a'} ${params.type}`
  if (error.keyword === 'const') return JSON.stringify(params.allowedValue)
  if (error.keyword === 'enum') return `one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`
  return error.message ?? 'valid'
}

/**
 * One message per bad option, without ajv's `anyOf` noise: when the value has the type of one alternative,
 * only that alternative's errors (deeper options) are reported; otherwise one line says what is allowed
 * (`option "reporter.json" must be a string or false`), never "must be equal to constant".
 */
export function describeOptionErrors(errors: readonly ErrorObject[]): string[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf')
  const inBranch = (e: ErrorObject, a: ErrorObject) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`)
  const out: string[] = []
  const skip = new Set<ErrorObject>()
  for (const a of anyOfs) {
    const branch = errors.filter((e) => inBranch(e, a))
    for (const e of branch) skip.add(e)
    // Errors about the value itself (its type or constant) rule a branch out; deeper errors mean the value
    // took that branch: report those alone.
    const deeper = branch.filter((e) => e.instancePath !== a.instancePath || !['type', 'const', 'enum'].includes(e.keyword))
    if (deeper.length) {
      out.push(...deeper.map(describeOptionError))
      continue
    }
    const allowed = [...new Set(branch.map(alternative))]
    out.push(`option "${optionPath(a.instancePath) || '(root)'}" must be ${allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : (allowed[0] ?? 'valid')}`)
  }
  for (const e of errors) if (e.keyword !== 'anyOf' && !skip.has(e)) out.push(describeOptionError(e))
  return [...new Set(out)]
}

function describeOptionError(error: ErrorObject): string {
  const at = optionPath(error.instancePath)
  if (error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty
    return `unknown option "${at ? `${at}.` : ''}${name}"`
  }
  if (error.keyword === 'type') {
    return `option "${at || '(root)'}" must be ${(error.params as { type: string }).type}`
  }
  if (error.keyword === 'enum') {
    return `option "${at}" must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
  }
  if (error.keyword === 'pattern') return `option "${at}" must be made of the characters ${(error.params as { pattern: string }).pattern.replace(/^\^\[|\]\+\$$/g, '')}`
  return `option "${at || '(root)'}" ${error.message ?? 'is invalid'}`
}
