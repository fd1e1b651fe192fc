import { Ajv, type ErrorObject } from 'ajv'

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
  }
  /** The evalgate summary printed after the run, beside Vitest's own reporter. */
  reporter?: {
    /** Print the evalgate summary to the terminal. Default `true`. */
    terminal?: boolean
  }
}

/** Options after defaults are applied: what workers receive. Plain data (survives structuredClone). */
export interface ResolvedOptions {
  measure: { requestUsage: boolean }
  schema: { strict: boolean }
  reporter: { terminal: boolean }
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  measure: { requestUsage: true },
  schema: { strict: false },
  reporter: { terminal: true },
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
      properties: { strict: { type: 'boolean' } },
    },
    reporter: {
      type: 'object',
      additionalProperties: false,
      properties: { terminal: { type: 'boolean' } },
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
    const problems = (validator.errors ?? []).map(describeOptionError)
    throw new EvalgateOptionsError(`evalgate: invalid plugin options:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  const o = (options ?? {}) as EvalgateOptions
  return {
    measure: { ...DEFAULT_OPTIONS.measure, ...o.measure },
    schema: { ...DEFAULT_OPTIONS.schema, ...o.schema },
    reporter: { ...DEFAULT_OPTIONS.reporter, ...o.reporter },
  }
}

function optionPath(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).join('.')
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
  return `option "${at || '(root)'}" ${error.message ?? 'is invalid'}`
}
