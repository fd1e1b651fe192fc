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
