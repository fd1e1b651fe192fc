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
