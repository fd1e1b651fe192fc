/**
 * A seeded nondeterministic model for the test server: each reply is right with probability `p`
 * (a number, or per request), like a real model at temperature > 0. The draw of the n-th request with a
 * given prompt depends only on (seed, prompt, n), so concurrent requests do not change what is drawn, and
 * a different seed is a different "live run". Use it as the server's `replies`.
 */
import { stableHash } from '../util/stable.js'
import { lastUserText } from './replies.js'
import type { ChatRequest, ReplyFunction, ReplySpec } from './types.js'

export interface NoisyRepliesOptions {
  /** Probability that a reply is right, within [0, 1]: one for all requests, or per request (e.g. per case difficulty). */
  p: number | ((req: ChatRequest) => number)
  /** Seed of the draws: the same seed replays the same answers; a new seed is a new live run. Default 0. */
  seed?: number | string
  /** The right answer to a request. */
  right: (req: ChatRequest) => ReplySpec
  /** A wrong answer to a request. */
  wrong: (req: ChatRequest) => ReplySpec
}

/** Uniform [0, 1) from a hash of the key (deterministic, well mixed). */
function uniform(key: string): number {
  return parseInt(stableHash(key, 13), 16) / 2 ** 52
}

/** A reply function answering right with probability `p`, seeded (see the module comment). */
export function noisyReplies(options: NoisyRepliesOptions): ReplyFunction {
  const { seed = 0 } = options
  const seen = new Map<string, number>()
  return (req) => {
    const p = typeof options.p === 'function' ? options.p(req) : options.p
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`noisyReplies: p must be within [0, 1], got ${p}`)
    const prompt = lastUserText(req)
    const n = seen.get(prompt) ?? 0
    seen.set(prompt, n + 1)
    return uniform(`${seed}\u0000${prompt}\u0000${n}`) < p ? options.right(req) : options.wrong(req)
  }
}
