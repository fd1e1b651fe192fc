import OpenAI from 'openai'
import { startModelServer, type ModelServer, type ModelServerOptions } from '../../../src/testing/index.js'

/** Starts a server and an SDK client pointed at it (no retries unless asked). */
export async function setup(options: ModelServerOptions = {}, clientOptions: { maxRetries?: number; timeout?: number; apiKey?: string } = {}): Promise<{ server: ModelServer; client: OpenAI }> {
  const server = await startModelServer(options)
  const client = new OpenAI({
    baseURL: server.baseURL,
    apiKey: clientOptions.apiKey ?? 'test',
    maxRetries: clientOptions.maxRetries ?? 0,
    timeout: clientOptions.timeout ?? 10_000,
  })
  return { server, client }
}

/** A single-user-message chat request body. */
export function ask(content: string, extra: Record<string, unknown> = {}): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  return { model: 'test-model', messages: [{ role: 'user', content }], ...extra }
}
