import type { JsonSchema } from './types.js'

/** Structured Outputs schema name of a rubric reply. */
export const RUBRIC_SCHEMA_NAME = 'evalgate_verdicts'

/** Structured Outputs schema name of a pairwise reply. */
export const PAIRWISE_SCHEMA_NAME = 'evalgate_pairwise'

/**
 * JSON Schema (OpenAI strict-mode compatible) of a rubric reply:
 * `{"verdicts":[{"id":<one of criteriaIds>,"verdict":"PASS"|"FAIL","reason":string}]}`, with exactly as
 * many entries as ids (minItems = maxItems). Uniqueness per id is not expressible in strict mode; the
 * parser enforces it.
 */
export function judgeResponseSchema(criteriaIds: readonly string[]): JsonSchema {
  if (criteriaIds.length === 0) throw new RangeError('judgeResponseSchema: no criterion ids')
  return {
    type: 'object',
    additionalProperties: false,
    required: ['verdicts'],
    properties: {
      verdicts: {
        type: 'array',
        minItems: criteriaIds.length,
        maxItems: criteriaIds.length,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'verdict', 'reason'],
          properties: {
            id: { type: 'string', enum: [...criteriaIds] },
            verdict: { type: 'string', enum: ['PASS', 'FAIL'] },
            reason: { type: 'string' },
          },
        },
      },
    },
  }
}

/** JSON Schema (OpenAI strict-mode compatible) of a pairwise reply: `{"winner":"A"|"B"|"TIE","reason":string}`. */
export function pairwiseResponseSchema(): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['winner', 'reason'],
    properties: {
      winner: { type: 'string', enum: ['A', 'B', 'TIE'] },
      reason: { type: 'string' },
    },
  }
}
