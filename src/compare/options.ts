/** The `candidates` and `compare` option slices (src/util/options.ts); plugin/options.ts resolves `compare` against `candidates`. */
import type { OptionSlice } from '../util/options.js'
import { DEFAULT_DIMENSIONS, type CandidateConfig, type CompareConfig, type ResolvedCompare } from './types.js'

const finite = { type: 'number' } as const
const nonNegative = { type: 'number', minimum: 0 } as const

export const candidatesSchema = {
  type: 'object',
  minProperties: 2,
  propertyNames: { pattern: '^[A-Za-z0-9._-]+$' },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['baseURL', 'model'],
    properties: {
      baseURL: { type: 'string', minLength: 1 },
      model: { type: 'string', minLength: 1 },
      apiKey: { type: 'string' },
      params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
      pricing: {
        type: 'object',
        additionalProperties: false,
        properties: { input: nonNegative, output: nonNegative, hourly: nonNegative },
      },
    },
  },
} as const

export const compareSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reference: { type: 'string', minLength: 1 },
    metric: { type: 'string', minLength: 1 },
    thresholds: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { max: finite, min: finite, minRatio: nonNegative, maxRatio: nonNegative, maxRate: { type: 'number', minimum: 0, maximum: 1 } },
      },
    },
    dimensions: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['weight'],
        properties: {
          weight: { type: 'number', exclusiveMinimum: 0 },
          metrics: { type: 'array', items: { type: 'string', minLength: 1 } },
          categories: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
    tieWithin: { type: 'number', minimum: 0, maximum: 10 },
    prefer: { enum: ['latency', 'failures', 'cost'] },
    json: { anyOf: [{ type: 'string', minLength: 1 }, { const: false }] },
    html: { anyOf: [{ type: 'string', minLength: 1 }, { const: false }] },
    worstCases: { type: 'integer', minimum: 0 },
  },
} as const

/** Resolved `compare` settings, or undefined without candidates. Throws naming a reference that is no candidate. */
export function resolveCompare(candidates: Record<string, CandidateConfig> | undefined, compare: CompareConfig | undefined): ResolvedCompare | undefined {
  if (!candidates) {
    if (compare) throw new Error('evalgate: invalid plugin options:\n  - option "compare" needs "candidates" (two or more model endpoints)')
    return undefined
  }
  const names = Object.keys(candidates)
  const reference = compare?.reference ?? names[0]!
  if (!names.includes(reference)) {
    throw new Error(`evalgate: invalid plugin options:\n  - option "compare.reference" names "${reference}", which is not a candidate (candidates: ${names.join(', ')})`)
  }
  return {
    reference,
    metric: compare?.metric ?? 'pass',
    thresholds: { ...compare?.thresholds },
    dimensions: compare?.dimensions ? { ...compare.dimensions } : { ...DEFAULT_DIMENSIONS },
    tieWithin: compare?.tieWithin ?? 0.3,
    ...(compare?.prefer ? { prefer: compare.prefer } : {}),
    json: compare?.json ?? '.evalgate/compare.json',
    html: compare?.html ?? '.evalgate/compare.html',
    worstCases: compare?.worstCases ?? 20,
  }
}

/** Plugin option `candidates` (absent unless set). */
export const candidatesSlice: OptionSlice<'candidates', Record<string, CandidateConfig>, Record<string, CandidateConfig> | undefined> = {
  key: 'candidates',
  defaults: undefined,
  schema: candidatesSchema,
  resolve: (given) => given,
}

/** Plugin option `compare`: resolved with the candidates by {@link resolveCompare}, which plugin/options.ts calls. */
export const compareSlice: OptionSlice<'compare', CompareConfig, ResolvedCompare | undefined> = {
  key: 'compare',
  defaults: undefined,
  schema: compareSchema,
  resolve: () => undefined,
}
