import { describe, expect, it } from 'vitest'
import { cosineSimilarity, DEFAULT_EMBEDDING_MODEL, readEmbeddings, resolveEmbeddingsConfig } from '../../../src/endpoints/embeddings.js'
import { DEFAULT_JUDGE_OPTIONS } from '../../../src/endpoints/judge.js'

describe('cosineSimilarity', () => {
  it('is 1 for parallel, 0 for orthogonal, -1 for opposite vectors', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12)
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0)
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1, 12)
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12)
  })
  it('throws when similarity is undefined', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow('differ in length')
    expect(() => cosineSimilarity([], [])).toThrow('empty')
    expect(() => cosineSimilarity([0, 0], [1, 2])).toThrow('zero vector')
    expect(() => cosineSimilarity([Number.NaN], [1])).toThrow('not a finite number')
  })
})

describe('readEmbeddings', () => {
  it('reads vectors by index', () => {
    expect(readEmbeddings({ data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }] }, 2)).toEqual({ ok: true, vectors: [[1, 0], [0, 1]] })
  })
  it('rejects anything unusable', () => {
    expect(readEmbeddings({}, 2)).toMatchObject({ ok: false, problem: 'embeddings response has no "data" array' })
    expect(readEmbeddings({ data: [{ index: 0, embedding: [1] }] }, 2)).toMatchObject({ ok: false, problem: 'embeddings response has no vector for input 1' })
    expect(readEmbeddings({ data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [1] }] }, 2)).toMatchObject({ ok: false })
    expect(readEmbeddings({ data: [{ index: 0, embedding: 'AAAA' }, { index: 1, embedding: [1] }] }, 2)).toMatchObject({ ok: false })
    expect(readEmbeddings({ data: [{ index: 0, embedding: [1, 2] }, { index: 1, embedding: [1] }] }, 2)).toMatchObject({ ok: false, problem: 'embeddings response vectors differ in length (2, 1)' })
  })
})

describe('resolveEmbeddingsConfig', () => {
  const judge = { ...DEFAULT_JUDGE_OPTIONS, baseURL: 'http://judge/v1', apiKey: 'judge-key' }
  it('defaults to the judge endpoint and key, then env', () => {
    expect(resolveEmbeddingsConfig({}, judge, undefined, {})).toEqual({ ok: true, config: { baseURL: 'http://judge/v1', apiKey: 'judge-key', model: DEFAULT_EMBEDDING_MODEL, timeout: 60_000, maxRetries: 2 } })
    expect(resolveEmbeddingsConfig({}, DEFAULT_JUDGE_OPTIONS, undefined, { EVALGATE_JUDGE_API_KEY: 'k', OPENAI_BASE_URL: 'http://o/v1', EVALGATE_EMBEDDINGS_MODEL: 'env-embed' })).toMatchObject({ config: { apiKey: 'k', baseURL: 'http://o/v1', model: 'env-embed' } })
    expect(resolveEmbeddingsConfig({ baseURL: 'http://e/v1', apiKey: 'e-key', model: 'e-model' }, judge, 'call-model', {})).toMatchObject({ config: { baseURL: 'http://e/v1', apiKey: 'e-key', model: 'call-model' } })
  })
  it('says how to configure a missing key', () => {
    const r = resolveEmbeddingsConfig({}, DEFAULT_JUDGE_OPTIONS, undefined, {})
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problem).toContain('EVALGATE_JUDGE_API_KEY (or OPENAI_API_KEY)')
  })
})

describe('decodeEmbedding (issue 10 row 13)', () => {
  it('floats stay, base64 float32 is decoded, garbage stays garbage', async () => {
    const { decodeEmbedding, readEmbeddings } = await import('../../../src/endpoints/embeddings.js')
    const floats = [0.5, -0.25, 1]
    expect(decodeEmbedding(floats)).toBe(floats)
    const b64 = Buffer.from(new Float32Array(floats).buffer).toString('base64')
    expect(decodeEmbedding(b64)).toEqual(floats)
    expect(readEmbeddings({ data: [{ index: 0, embedding: b64 }, { index: 1, embedding: floats }] }, 2)).toEqual({ ok: true, vectors: [floats, floats] })
    expect(decodeEmbedding('not base64!')).toBe('not base64!')
  })
})
