import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { baselinesSlice, pricingSlice, type BaselinesOptions, type Pricing, type ResolvedBaselinesOptions } from '../baseline/options.js'
import { casesSlice, type CasesOptions, type ResolvedCasesOptions } from '../cases/options.js'
import { embeddingsSlice, type EmbeddingsOptions } from '../endpoints/embeddings-options.js'
import { judgeSlice, type JudgeOptions, type ResolvedJudgeOptions } from '../endpoints/judge-options.js'
import { gateSlice, type GateConfig, type ResolvedGateOptions } from '../gate/options.js'
import { cacheSlice, type CacheOptions } from '../measure/cache/options.js'
import type { ResolvedCacheOptions } from '../measure/cache/types.js'
import { measureSlice, type MeasureOptions, type ResolvedMeasureOptions } from '../measure/options.js'
import { reporterSlice, type ReporterOptions, type ResolvedReporterOptions } from '../report/options.js'
import { candidatesSlice, compareSlice, resolveCompare } from '../compare/options.js'
import type { CandidateConfig, CompareConfig, ResolvedCompare } from '../compare/types.js'
import { schemaSlice, type ResolvedSchemaOptions, type SchemaOptions } from '../schema/options.js'
import { loadAjv } from '../util/lazy-require.js'

export type { GateConfig } from '../gate/options.js'

/**
 * Options of the `evalgate()` Vitest plugin, composed of the features' slices: each slice's type, defaults
 * and schema live with its feature (src/util/options.ts explains the pattern). The plugin validates
 * against the composed schema at start-up and workers read their slices through Vitest's `provide`/`inject`.
 */
export interface EvalgateOptions {
  /** Measurement of OpenAI-compatible calls made through `wrapOpenAI` (src/measure/options.ts). */
  measure?: MeasureOptions
  /** Defaults for `toMatchSchema`; each call can override them (src/schema/options.ts). */
  schema?: SchemaOptions
  /** The evalgate summary printed after the run, beside Vitest's own reporter (src/report/options.ts). */
  reporter?: ReporterOptions
  /** Score baselines stored in the repository (src/baseline/options.ts). */
  baselines?: BaselinesOptions
  /** When the build fails (src/gate/options.ts). */
  gate?: GateConfig
  /** Prices in USD per one million tokens, by model id, for cost figures. */
  pricing?: Pricing
  /** The LLM judge of `toPassRubric`, `toRefuse({ judge: true })` and `comparePairwise`; each call can override it. */
  judge?: JudgeOptions
  /** The embeddings endpoint of `toBeSimilarTo`; defaults to the judge's endpoint and key. */
  embeddings?: EmbeddingsOptions
  /**
   * Record/replay cache of model, judge and embedding calls made through `wrapOpenAI`. Off unless set
   * (`cache: true` = defaults). `EVALGATE_CACHE` overrides the mode when the cache is configured.
   */
  cache?: CacheOptions
  /** Eval sets run with `evalCases` / `evalSuite` (src/cases/options.ts). */
  cases?: CasesOptions
  /**
   * Model selection: two or more model endpoints, by name. The suite runs once per candidate (one Vitest
   * project each, named by the candidate; `--project <name>` runs one) and `candidate()` gives a test its
   * endpoint (src/compare/options.ts). Default: none.
   */
  candidates?: Record<string, CandidateConfig>
  /** Head-to-head comparison and decision settings (needs `candidates`). */
  compare?: CompareConfig
}

/** Options after defaults are applied: what workers receive. Plain data (survives structuredClone). */
export interface ResolvedOptions {
  measure: ResolvedMeasureOptions
  schema: ResolvedSchemaOptions
  reporter: ResolvedReporterOptions
  baselines: ResolvedBaselinesOptions
  gate: ResolvedGateOptions
  pricing: Pricing
  judge: ResolvedJudgeOptions
  embeddings: EmbeddingsOptions
  cache: ResolvedCacheOptions
  cases: ResolvedCasesOptions
  /** Model selection candidates (keys included: they stay in the main process and workers, never in reports). */
  candidates?: Record<string, CandidateConfig>
  compare?: ResolvedCompare
}

/** Every slice, in the order of the options table in README.md. */
const SLICES = [measureSlice, schemaSlice, reporterSlice, baselinesSlice, gateSlice, pricingSlice, judgeSlice, embeddingsSlice, cacheSlice, casesSlice, candidatesSlice, compareSlice] as const

type SliceOf<K extends keyof ResolvedOptions> = { readonly key: K; readonly defaults: ResolvedOptions[K]; resolve(given: EvalgateOptions[K] | undefined): ResolvedOptions[K] }
// Compile-time check that the slices are exactly the keys of both interfaces, each with matching types.
type Checked = { [K in keyof ResolvedOptions]: SliceOf<K> }
const _slicesMatch: { [S in (typeof SLICES)[number] as S['key']]: S } extends Checked ? true : never = true
void _slicesMatch

function compose<T>(f: (slice: (typeof SLICES)[number]) => unknown): T {
  return Object.fromEntries(SLICES.map((slice) => [slice.key, f(slice)])) as T
}

export const DEFAULT_OPTIONS: ResolvedOptions = compose((slice) => slice.defaults)

/** JSON schema of {@link EvalgateOptions}, composed of the slices' schemas. */
export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: compose<Record<string, object>>((slice) => slice.schema),
}

/** Thrown at start-up when the plugin options are wrong; the message names the option. */
export class EvalgateOptionsError extends Error {
  override name = 'EvalgateOptionsError'
}

/** File name of the validator that `npm run build` generates next to the built options.js (scripts/build-options-validator.mjs). */
export const OPTIONS_VALIDATOR_FILE = 'options-validator.cjs'

let validator: ValidateFunction | undefined

/**
 * The options validator. The build generates it as standalone ajv code from {@link OPTIONS_SCHEMA}
 * (same checks, same errors as `new Ajv({ allErrors: true }).compile`, but no ajv compile or ajv import at
 * start-up); from source (unit tests, no build step) the schema is compiled with ajv.
 */
function optionsValidator(): ValidateFunction {
  const require = createRequire(import.meta.url)
  try {
    return require(`./${OPTIONS_VALIDATOR_FILE}`) as ValidateFunction
  } catch (error) {
    const e = error as { code?: string; message?: string }
    // Only the generated file itself missing falls back (a module it requires missing is a broken install).
    if (e.code !== 'MODULE_NOT_FOUND' || !e.message?.startsWith(`Cannot find module './${OPTIONS_VALIDATOR_FILE}'`)) throw error
  }
  return new (loadAjv().Ajv)({ allErrors: true }).compile(OPTIONS_SCHEMA)
}

/** Validates user options and applies defaults. Throws {@link EvalgateOptionsError} naming every bad option. */
export function resolveOptions(options: unknown = {}): ResolvedOptions {
  validator ??= optionsValidator()
  if (!validator(options ?? {})) {
    const problems = describeOptionErrors(validator.errors ?? [])
    throw new EvalgateOptionsError(`evalgate: invalid plugin options:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  const given = (options ?? {}) as Record<string, never>
  let resolved: ResolvedOptions
  try {
    resolved = compose<ResolvedOptions>((slice) => slice.resolve(given[slice.key]))
    // The one rule across slices: `compare` is resolved against the `candidates` it names.
    resolved.compare = resolveCompare(resolved.candidates, given.compare)
  } catch (error) {
    // A slice's own check beyond its schema (e.g. an unknown failure kind in gate.failureRates).
    throw new EvalgateOptionsError((error as Error).message)
  }
  if (!resolved.candidates) delete resolved.candidates
  if (!resolved.compare) delete resolved.compare
  return resolved
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
