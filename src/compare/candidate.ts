/**
 * Worker side of model selection: `candidate()` gives a test the endpoint of the candidate its project runs
 * (`{ name, model, params, client }`, client measured by `wrapOpenAI`).
 */
import OpenAI from 'openai'
import * as vitest from 'vitest'
import { wrapOpenAI } from '../measure/wrap-openai.js'
import { registerSecret } from '../util/redact.js'
import type { ProvidedCandidate } from './types.js'

export interface Candidate {
  /** The candidate's name (its Vitest project). */
  name: string
  /** The model id to send. */
  model: string
  /** Request parameters to spread into the request (`temperature` 0 unless configured). */
  params: Record<string, string | number | boolean | null>
  /** A `wrapOpenAI`-measured OpenAI client for the candidate's endpoint. */
  client: OpenAI
}

let cached: { key: string; value: Candidate } | undefined

/** The candidate this test runs against. Throws outside a candidate project (no `candidates` option). */
export function candidate(): Candidate {
  const provided = (vitest.inject as (key: string) => unknown)('evalgate:candidate') as ProvidedCandidate | undefined
  if (!provided) {
    throw new Error('evalgate: candidate() is only available when the plugin option "candidates" is set (each candidate runs as its own Vitest project).')
  }
  if (cached?.key === provided.name) return cached.value
  registerSecret(provided.apiKey)
  const client = wrapOpenAI(new OpenAI({ baseURL: provided.baseURL, apiKey: provided.apiKey, maxRetries: 0 }))
  const value: Candidate = { name: provided.name, model: provided.model, params: { ...provided.params }, client }
  cached = { key: provided.name, value }
  return value
}
