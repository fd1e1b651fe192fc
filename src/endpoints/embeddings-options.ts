import { objectSlice } from '../util/options.js'
import { endpointOptionProperties } from './judge-options.js'

/** The `embeddings` plugin option of `toBeSimilarTo`. Registered in `src/plugin/options.ts`. */
export interface EmbeddingsOptions {
  /** OpenAI-compatible base URL serving `/embeddings`. Default: the judge's `baseURL` and its env defaults. */
  baseURL?: string
  /** API key. Default: the judge's `apiKey` and its env defaults. Never printed. */
  apiKey?: string
  /** Embedding model. Default: env `EVALGATE_EMBEDDINGS_MODEL`, then `text-embedding-3-small`. */
  model?: string
}

/** JSON Schema of {@link EmbeddingsOptions}. */
export const embeddingsOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: endpointOptionProperties,
} as const

/** Plugin option `embeddings` (no defaults of its own: it falls back to the judge's endpoint and key). */
export const embeddingsSlice = objectSlice<'embeddings', EmbeddingsOptions, EmbeddingsOptions>('embeddings', {}, embeddingsOptionsSchema)
