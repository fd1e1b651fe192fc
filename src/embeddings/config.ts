import type { ResolvedJudgeOptions } from '../matchers/judge-options.js'
import type { EmbeddingsOptions } from './options.js'

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
