import type { ResolvedJudgeOptions } from './judge-options.js'
import type { EmbeddingsOptions } from './embeddings-options.js'

// The slice lives in embeddings-options.ts (nothing heavy) so the plugin's config-time options stay lean.
export { embeddingsOptionsSchema, embeddingsSlice, type EmbeddingsOptions } from './embeddings-options.js'

/** Everything needed to call the embeddings endpoint, resolved in the worker. */
export interface EmbeddingsConfig {
  /** undefined = the openai SDK's default endpoint. */
  baseURL: string | undefined
  apiKey: string
  model: string
  timeout: number
  maxRetries: number
}

/** The embedding model used when none is configured. */
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small'

type Env = Readonly<Record<string, string | undefined>>

function firstSet(...values: ReadonlyArray<string | undefined>): string | undefined {
  return values.find((v) => typeof v === 'string' && v.trim() !== '')
}

/** Resolution outcome: the config, or what is missing (a sentence saying how to configure it). */
export type EmbeddingsConfigResult = { ok: true; config: EmbeddingsConfig } | { ok: false; problem: string }

/**
 * Resolves the embeddings endpoint: `embeddings` options, then the judge's endpoint and key, then env
 * (`EVALGATE_JUDGE_BASE_URL` / `OPENAI_BASE_URL`, `EVALGATE_JUDGE_API_KEY` / `OPENAI_API_KEY`). Model: the
 * call's, the option's, env `EVALGATE_EMBEDDINGS_MODEL`, else {@link DEFAULT_EMBEDDING_MODEL}. Timeout and
 * retries follow the judge options. The API key never appears in the problem text.
 */
export function resolveEmbeddingsConfig(
  embeddings: EmbeddingsOptions,
  judge: ResolvedJudgeOptions,
  model: string | undefined,
  env: Env,
): EmbeddingsConfigResult {
  const apiKey = firstSet(embeddings.apiKey, judge.apiKey, env['EVALGATE_JUDGE_API_KEY'], env['OPENAI_API_KEY'])
  if (apiKey === undefined) {
    return {
      ok: false,
      problem:
        "no embeddings API key is configured (endpoints that need none still need a placeholder such as 'unused'). " +
        "Set it in vitest.config.ts — plugins: [evalgate({ embeddings: { apiKey, baseURL?, model? } })] (the judge's apiKey/baseURL are used when absent) — " +
        'or through the environment: EVALGATE_JUDGE_API_KEY (or OPENAI_API_KEY), EVALGATE_JUDGE_BASE_URL (or OPENAI_BASE_URL).',
    }
  }
  return {
    ok: true,
    config: {
      baseURL: firstSet(embeddings.baseURL, judge.baseURL, env['EVALGATE_JUDGE_BASE_URL'], env['OPENAI_BASE_URL']),
      apiKey,
      model: firstSet(model, embeddings.model, env['EVALGATE_EMBEDDINGS_MODEL']) ?? DEFAULT_EMBEDDING_MODEL,
      timeout: judge.timeout,
      maxRetries: judge.maxRetries,
    },
  }
}

/** Vectors read from an embeddings response, or why they cannot be used. */
export type EmbeddingsRead = { ok: true; vectors: number[][] } | { ok: false; problem: string }

/**
 * Reads `data[i].embedding` for `count` inputs from an OpenAI embeddings response, strictly: every index
 * 0..count-1 exactly once, each a non-empty array of finite numbers, all of the same length.
 */
export function readEmbeddings(response: unknown, count: number): EmbeddingsRead {
  const data = (response as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) return { ok: false, problem: 'embeddings response has no "data" array' }
  const vectors: Array<number[] | undefined> = new Array<number[] | undefined>(count).fill(undefined)
  for (const [position, item] of data.entries()) {
    const index = typeof (item as { index?: unknown })?.index === 'number' ? (item as { index: number }).index : position
    const embedding = decodeEmbedding((item as { embedding?: unknown })?.embedding)
    if (!Number.isInteger(index) || index < 0 || index >= count || vectors[index] !== undefined) {
      return { ok: false, problem: `embeddings response has an unexpected or repeated index ${String(index)} (asked for ${count} inputs)` }
    }
    if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return { ok: false, problem: `embeddings response data[${position}].embedding is not a non-empty array of numbers` }
    }
    vectors[index] = embedding as number[]
  }
  const missing = vectors.findIndex((v) => v === undefined)
  if (missing !== -1) return { ok: false, problem: `embeddings response has no vector for input ${missing}` }
  const lengths = new Set(vectors.map((v) => (v as number[]).length))
  if (lengths.size > 1) return { ok: false, problem: `embeddings response vectors differ in length (${[...lengths].join(', ')})` }
  return { ok: true, vectors: vectors as number[][] }
}

/**
 * An embedding as numbers: float arrays as they are; a base64 string (little-endian float32, what
 * `encoding_format: 'base64'` returns, and what some servers send whatever was asked) decoded.
 */
export function decodeEmbedding(embedding: unknown): unknown {
  if (typeof embedding !== 'string') return embedding
  if (embedding === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(embedding)) return embedding
  const bytes = Buffer.from(embedding, 'base64')
  if (bytes.length === 0 || bytes.length % 4 !== 0) return embedding
  const out: number[] = []
  for (let i = 0; i < bytes.length; i += 4) out.push(bytes.readFloatLE(i))
  return out
}

/**
 * Cosine similarity of two vectors of equal length, in -1..1. Throws a RangeError for vectors of different
 * lengths, empty vectors, non-finite numbers or a zero vector (similarity is undefined then).
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: vectors differ in length (${a.length} vs ${b.length})`)
  if (a.length === 0) throw new RangeError('cosineSimilarity: empty vectors')
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number
    const y = b[i] as number
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`cosineSimilarity: element ${i} is not a finite number`)
    dot += x * y
    na += x * x
    nb += y * y
  }
  if (na === 0 || nb === 0) throw new RangeError('cosineSimilarity: a zero vector has no direction')
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)))
}
