import type { ErrorObject, ValidateFunction } from 'ajv'
import { optionSlice } from '../worker/context.js'
import { MatcherUsageError } from '../util/errors.js'
import { loadAjv } from '../util/lazy-require.js'
import { judgeOptionsSchema, judgeSlice, type JudgeOptions, type ResolvedJudgeOptions } from './judge-options.js'

/** Everything needed to call the judge: plugin options, per-call override and env, resolved in the worker. */
export interface JudgeConfig {
  /** undefined = the openai SDK's default endpoint. */
  baseURL: string | undefined
  apiKey: string
  model: string
  temperature: number
  seed: number | undefined
  maxTokens: number
  votes: number
  structured: boolean
  timeout: number
  maxRetries: number
}

/** Environment variables as the resolver reads them. */
export type Env = Readonly<Record<string, string | undefined>>

/** Thrown when no judge model or API key can be found: an error in the test, with how to configure it. */
export class JudgeConfigError extends Error {
  override name = 'EvalgateJudgeConfigError'
}

let validate: ValidateFunction | undefined

/** The first value that is a non-empty string (empty strings count as unset). */
export function firstSet(...values: ReadonlyArray<string | undefined>): string | undefined {
  return values.find((v) => typeof v === 'string' && v.trim() !== '')
}

function describe(error: ErrorObject): string {
  const at = ['options.judge', ...error.instancePath.split('/').filter(Boolean)].join('.')
  if (error.keyword === 'additionalProperties') return `unknown option "${at}.${(error.params as { additionalProperty: string }).additionalProperty}"`
  return `option "${at}" ${error.message ?? 'is invalid'}`
}

/** Validates a per-call `options.judge` (throws {@link MatcherUsageError} naming the option; values are never shown). */
export function checkJudgeOverride(who: string, override: unknown): JudgeOptions {
  if (override === undefined) return {}
  validate ??= new (loadAjv().Ajv)({ allErrors: true }).compile(judgeOptionsSchema)
  if (!validate(override)) throw new MatcherUsageError(`${who}: ${(validate.errors ?? []).map(describe).join('; ')}`)
  return override as JudgeOptions
}

const HOW =
  "Configure the judge in vitest.config.ts — plugins: [evalgate({ judge: { model: 'gpt-4o-mini', baseURL?, apiKey? } })] — " +
  'or per call with { judge: { … } }, or through the environment: EVALGATE_JUDGE_MODEL, EVALGATE_JUDGE_BASE_URL (or OPENAI_BASE_URL), ' +
  'EVALGATE_JUDGE_API_KEY (or OPENAI_API_KEY).'

/**
 * Resolves the judge configuration: per-call override, then plugin options, then env (`EVALGATE_JUDGE_*`,
 * then `OPENAI_API_KEY` / `OPENAI_BASE_URL`). Throws {@link JudgeConfigError} when the model or the API
 * key is missing, saying how to configure them; the key itself is never part of any message.
 */
export function resolveJudgeConfig(
  who: string,
  override: unknown,
  plugin: ResolvedJudgeOptions = optionSlice(judgeSlice),
  env: Env = process.env,
): JudgeConfig {
  const call = checkJudgeOverride(who, override)
  const model = firstSet(call.model, plugin.model, env['EVALGATE_JUDGE_MODEL'])
  if (model === undefined) throw new JudgeConfigError(`${who}: no judge model is configured. ${HOW}`)
  const apiKey = firstSet(call.apiKey, plugin.apiKey, env['EVALGATE_JUDGE_API_KEY'], env['OPENAI_API_KEY'])
  if (apiKey === undefined) {
    throw new JudgeConfigError(`${who}: no judge API key is configured (endpoints that need none still need a placeholder such as 'unused'). ${HOW}`)
  }
  return {
    baseURL: firstSet(call.baseURL, plugin.baseURL, env['EVALGATE_JUDGE_BASE_URL'], env['OPENAI_BASE_URL']),
    apiKey,
    model,
    temperature: call.temperature ?? plugin.temperature,
    seed: call.seed ?? plugin.seed,
    maxTokens: call.maxTokens ?? plugin.maxTokens ?? 1024,
    votes: call.votes ?? plugin.votes,
    structured: call.structured ?? plugin.structured,
    timeout: call.timeout ?? plugin.timeout,
    maxRetries: call.maxRetries ?? plugin.maxRetries,
  }
}
