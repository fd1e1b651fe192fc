import { objectSlice } from '../util/options.js'

/** Plugin option `schema`: defaults for `toMatchSchema`; each call can override them. */
export interface SchemaOptions {
  /** Demand that the whole output be JSON (no fences, no prose). Default `false`. */
  strict?: boolean
  /** Custom keywords every schema may use (unknown keywords are a schema error). Default none. */
  allowKeywords?: string[]
  /** Custom formats every schema may use (unknown formats are a schema error). Default none. */
  allowFormats?: string[]
}

export interface ResolvedSchemaOptions {
  strict: boolean
  allowKeywords?: string[]
  allowFormats?: string[]
}

export const schemaSlice = objectSlice<'schema', SchemaOptions, ResolvedSchemaOptions>('schema', { strict: false }, {
  type: 'object',
  additionalProperties: false,
  properties: {
    strict: { type: 'boolean' },
    allowKeywords: { type: 'array', items: { type: 'string', minLength: 1 } },
    allowFormats: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
})
