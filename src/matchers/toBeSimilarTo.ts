import type OpenAI from 'openai'
import { cosineSimilarity, embeddingsSlice, readEmbeddings, resolveEmbeddingsConfig } from '../endpoints/embeddings.js'
import { judgeFault } from '../judge/index.js'
import { optionSlice } from '../worker/context.js'
import { excerpt } from '../schema/format.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { attempted, describeCallError, endpointClient, endpointLabel } from '../endpoints/client.js'
import { JudgeConfigError, judgeSlice } from '../endpoints/judge.js'
import { faultLines, faultResult } from './judge-fault.js'
import { receivedText } from './received.js'
import { checkOptions } from './option-keys.js'

/** Options of `toBeSimilarTo`. */
export interface SimilarityOptions {
  /** Minimum cosine similarity, -1..1. Default 0.8. */
  threshold?: number
  /** Embedding model for this call (default: plugin `embeddings.model`, env, `text-embedding-3-small`). */
  model?: string
}

const NAME = 'toBeSimilarTo'
const DEFAULT_THRESHOLD = 0.8

function check(expected: unknown, options: unknown): { threshold: number; model: string | undefined } {
  if (typeof expected !== 'string' || expected.trim() === '') throw new MatcherUsageError(`${NAME}: expected must be a non-empty string`)
  const o = checkOptions<SimilarityOptions>(NAME, options, ['threshold', 'model'])
  const threshold = o.threshold ?? DEFAULT_THRESHOLD
  if (typeof threshold !== 'number' || !(threshold >= -1 && threshold <= 1)) throw new MatcherUsageError(`${NAME}: threshold must be a number within -1..1, got ${String(threshold)}`)
  if (o.model !== undefined && (typeof o.model !== 'string' || o.model.trim() === '')) throw new MatcherUsageError(`${NAME}: model must be a non-empty string`)
  return { threshold, model: o.model }
}

/**
 * `await expect(output).toBeSimilarTo(expected, { threshold = 0.8, model? })`: the cosine similarity of the
 * two texts' embeddings (one `/embeddings` call to the configured endpoint) is at least `threshold`. An
 * endpoint failure or an unusable response fails the assertion (under `.not` it throws): never a pass.
 * Received: a string, a chat completion or a chat message.
 */
export async function toBeSimilarTo(this: MatcherContext, received: unknown, expected: string, options?: SimilarityOptions): Promise<MatcherResult> {
  const { threshold, model } = check(expected, options)
  const { text } = receivedText(NAME, received)
  const resolved = resolveEmbeddingsConfig(optionSlice(embeddingsSlice), optionSlice(judgeSlice), model, process.env)
  if (!resolved.ok) throw new JudgeConfigError(`${NAME}: ${resolved.problem}`)
  const config = resolved.config
  const where = `embeddings: ${config.model} at ${endpointLabel(config.baseURL)}`
  const texts = [`expected: ${excerpt(expected)}`, `received: ${excerpt(text)}`]
  const fail = (message: string) => {
    const fault = judgeFault('endpoint_error', message)
    recordMatcher(this, { matcher: NAME, pass: false, details: { threshold, model: config.model, fault } })
    return faultResult(this, [hint(this, NAME), '', ...faultLines(fault, 'embeddings'), where, ...texts].join('\n'), fault)
  }
  if (text.trim() === '') return fail('the received text is empty: there is nothing to embed')
  const entry = await endpointClient('embedding', config)
  const call = await attempted(
    (requestOptions) => // Ask for floats: servers that ignore the SDK's default base64 would otherwise read as zero vectors.
      entry.client.embeddings.create({ model: config.model, input: [text, expected], encoding_format: 'float' } as OpenAI.EmbeddingCreateParams, requestOptions),
    config,
  )
  if (!call.ok) return fail(describeCallError('embeddings', call.error, call.attempts, config))
  const read = readEmbeddings(call.value, 2)
  if (!read.ok) return fail(read.problem)
  let similarity: number
  try {
    similarity = cosineSimilarity(read.vectors[0] as number[], read.vectors[1] as number[])
  } catch (error) {
    return fail((error as Error).message)
  }
  const pass = similarity + 1e-9 >= threshold
  recordMatcher(this, { matcher: NAME, pass, score: Math.max(0, similarity), details: { similarity, threshold, model: config.model } })
  return {
    pass,
    message: () =>
      [
        hint(this, NAME),
        '',
        `expected similarity ${this.isNot ? '<' : '≥'} ${threshold.toFixed(2)}, received ${similarity.toFixed(3)} (cosine of the embeddings)`,
        where,
        ...texts,
      ].join('\n'),
  }
}
