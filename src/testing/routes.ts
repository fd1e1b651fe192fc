/**
 * `POST /v1/embeddings` and `GET /v1/models[/{id}]`.
 */
import { DEFAULT_DIMENSIONS, embed, toBase64Float32 } from './embeddings.js'
import { applyEarlyFault, sendJsonWithFault } from './faults.js'
import { sendError, sendJson } from './http.js'
import { sleep } from './latency.js'
import { DEFAULT_MODEL, type RouteContext, type ServerState } from './state.js'
import { countTokens } from './tokens.js'

const MAX_DIMENSIONS = 8192

/** Handles one embeddings request: deterministic hashed bag-of-words vectors (see embeddings.ts). */
export async function handleEmbeddings(ctx: RouteContext): Promise<void> {
  const { res, state, headers, signal } = ctx
  const body = ctx.body
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendError(res, 400, 'Request body must be a JSON object.', 'invalid_request_error', null, headers)
    return
  }
  const b = body as Record<string, unknown>
  if (typeof b.model !== 'string' || b.model === '') {
    sendError(res, 400, "Missing required parameter: 'model'.", 'invalid_request_error', null, headers)
    return
  }
  const inputs = typeof b.input === 'string' ? [b.input] : b.input
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((x): x is string => typeof x === 'string')) {
    sendError(res, 400, "'input' must be a string or a non-empty array of strings.", 'invalid_request_error', null, headers)
    return
  }
  const dims = b.dimensions ?? state.options.embeddingDimensions ?? DEFAULT_DIMENSIONS
  if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) {
    sendError(res, 400, `'dimensions' must be an integer between 1 and ${MAX_DIMENSIONS}.`, 'invalid_request_error', null, headers)
    return
  }
  const start = Date.now()
  state.seenModels.add(b.model)
  const latency = state.samplers.latency()
  const fault = state.faults.pick({ endpoint: 'embeddings', text: inputs.join('\n') })
  if (applyEarlyFault(res, fault, headers, ctx.req.headers.authorization)) return
  if (!(await sleep(start + latency - Date.now(), signal))) return

  const base64 = b.encoding_format === 'base64'
  const promptTokens = inputs.reduce((s, t) => s + countTokens(t), 0)
  const response = {
    object: 'list',
    data: inputs.map((text, index) => {
      const vec = embed(text, dims)
      return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vec) : vec }
    }),
    model: b.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  }
  sendJsonWithFault(res, response, fault, headers)
}

/** Handles `GET /v1/models` (configured and seen models) and `GET /v1/models/{id}`. */
export function handleModels(ctx: RouteContext, id: string | undefined): void {
  const models = listModels(ctx.state)
  if (id === undefined) {
    sendJson(ctx.res, 200, { object: 'list', data: models.map(modelObject) }, ctx.headers)
  } else if (models.includes(id)) {
    sendJson(ctx.res, 200, modelObject(id), ctx.headers)
  } else {
    sendError(ctx.res, 404, `The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found', ctx.headers)
  }
}

function listModels(state: ServerState): string[] {
  return [...new Set([...(state.options.models ?? [DEFAULT_MODEL]), ...state.seenModels])]
}

function modelObject(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: 0, owned_by: 'evalgate' }
}
