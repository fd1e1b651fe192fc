/**
 * The local OpenAI-compatible model server: node:http, routing, request recording, lifecycle.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleChat } from './chat.js'
import { readBody, redactHeaders, sendError } from './http.js'
import { handleEmbeddings, handleModels } from './routes.js'
import { createState, resetState, updateOptions, type RouteContext, type ServerState } from './state.js'
import type { Endpoint, ModelServer, ModelServerOptions, RecordedRequest } from './types.js'

/**
 * Starts an OpenAI-compatible model server on 127.0.0.1 (port 0 = any free port unless `options.port`).
 * Serves `POST /v1/chat/completions` (JSON and SSE streams), `POST /v1/embeddings`, `GET /v1/models`;
 * anything else is a 404 JSON error, a malformed JSON body a 400. Requests are handled concurrently.
 *
 * @example
 * const server = await startModelServer({ replies: [{ match: /capital/, reply: 'Paris' }] })
 * const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test' })
 * // ...
 * await server.stop()
 */
export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const state = createState(options)
  const sockets = new Set<Socket>()
  const active = new Set<AbortController>()
  let stopPromise: Promise<void> | undefined

  const server = createServer((req, res) => {
    const controller = new AbortController()
    active.add(controller)
    res.on('close', () => {
      active.delete(controller)
      controller.abort()
    })
    handle(req, res, state, controller.signal).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const message = err instanceof Error ? err.message : String(err)
        sendError(res, 500, `evalgate model server error: ${message}`, 'server_error')
      } else {
        res.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  return {
    baseURL: `${url}/v1`,
    url,
    port,
    get requests(): RecordedRequest[] {
      return state.requests
    },
    requestCount(filter?: Endpoint): number {
      return filter === undefined ? state.requests.length : state.requests.filter((r) => r.endpoint === filter).length
    },
    reset(): void {
      resetState(state)
    },
    setReplies(replies): void {
      updateOptions(state, { replies })
    },
    setOptions(patch): void {
      updateOptions(state, patch)
    },
    stop(): Promise<void> {
      stopPromise ??= new Promise<void>((resolve) => {
        for (const c of active) c.abort()
        server.close(() => resolve())
        server.closeAllConnections()
        for (const s of sockets) s.destroy()
      })
      return stopPromise
    },
  }
}

/** Which endpoint `method path` addresses, and the model id of `GET /v1/models/{id}`. */
export function classify(method: string, path: string): { endpoint: Endpoint; modelId?: string } {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path
  if (method === 'POST' && p === '/v1/chat/completions') return { endpoint: 'chat' }
  if (method === 'POST' && p === '/v1/embeddings') return { endpoint: 'embeddings' }
  if (method === 'GET' && p === '/v1/models') return { endpoint: 'models' }
  const m = /^\/v1\/models\/(.+)$/.exec(p)
  if (method === 'GET' && m?.[1] !== undefined) return { endpoint: 'models', modelId: decodeURIComponent(m[1]) }
  return { endpoint: 'other' }
}

async function handle(req: IncomingMessage, res: ServerResponse, state: ServerState, signal: AbortSignal): Promise<void> {
  const raw = await readBody(req)
  const method = req.method ?? 'GET'
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  const { endpoint, modelId } = classify(method, path)
  let body: unknown = null
  let malformed = false
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw) as unknown
    } catch {
      malformed = true
    }
  }
  const seq = ++state.seq
  const id = `req_${seq}`
  state.requests.push({ id, method, path, body, headers: redactHeaders(req), receivedAt: Date.now(), endpoint })
  const headers = { 'x-request-id': id }
  if (endpoint === 'other') {
    sendError(res, 404, `Unknown request URL: ${method} ${path}.`, 'invalid_request_error', 'unknown_url', headers)
    return
  }
  if (malformed) {
    sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null, headers)
    return
  }
  const ctx: RouteContext = { req, res, body, seq, headers, signal, state }
  if (endpoint === 'chat') await handleChat(ctx)
  else if (endpoint === 'embeddings') await handleEmbeddings(ctx)
  else handleModels(ctx, modelId)
}
