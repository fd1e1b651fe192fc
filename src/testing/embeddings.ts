/**
 * Deterministic embeddings: a signed, hashed bag of words. Each lower-cased word (letters/digits) is
 * hashed (FNV-1a) into one of `dimensions` buckets with a hashed sign; a few very common English words
 * weigh 0.2 instead of 1; the vector is L2-normalised. Texts sharing words have high cosine similarity,
 * texts sharing none have similarity near 0. Empty text maps to a fixed unit vector.
 */

const WORD = /[\p{L}\p{N}]+/gu

const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'in', 'is', 'it', 'its', 'of',
  'on', 'or', 'that', 'the', 'to', 'was', 'were', 'will', 'with',
])

/** Default embedding size. */
export const DEFAULT_DIMENSIONS = 256

/** Embeds one text into a unit vector of `dimensions` numbers. */
export function embed(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const vec = new Array<number>(dimensions).fill(0)
  const words = text.toLowerCase().match(WORD) ?? []
  for (const word of words) {
    const h = fnv1a(word)
    const bucket = h % dimensions
    const sign = (fnv1a(`~${word}`) & 1) === 0 ? 1 : -1
    vec[bucket] = (vec[bucket] ?? 0) + sign * (STOPWORDS.has(word) ? 0.2 : 1)
  }
  let norm = Math.sqrt(vec.reduce((s, v) => s + v * v, 0))
  if (norm === 0) {
    vec[fnv1a('') % dimensions] = 1
    norm = 1
  }
  return vec.map((v) => v / norm)
}

/** Cosine similarity of two vectors of equal length (0 when either is all zeros). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0
  let na = 0
  let nb = 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** Little-endian float32 base64 encoding, as the API returns for `encoding_format: 'base64'`. */
export function toBase64Float32(vec: number[]): string {
  const arr = Float32Array.from(vec)
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64')
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
