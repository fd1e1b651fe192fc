import { currentTask, type TaskLike, optionSlice } from '../../worker/context.js'
import { cacheSlice } from './options.js'
import type { CallMeasurement } from '../types.js'
import { trialOf } from '../../meta/record.js'
import { stableStringify } from '../../util/stable.js'
import { bodyText, replayResponse, toCachedResponse } from './entry.js'
import { cacheKeyOfStable, describeRequest, endpointOf, jsonBody } from './key.js'
import { CacheConfigError } from './mode.js'
import { nextOccurrence } from './occurrence.js'
import { activeCache } from './runtime.js'
import { recordingStream } from './stream.js'
import { sseComplete } from '../answer.js'
import { CACHE_FORMAT, type CacheEntry, type CacheRequest, type RecordedTiming } from './types.js'
import type { CacheStore } from './store.js'
import { packFileOf } from './pack.js'
import { replaySse } from './replay-stream.js'
import type { SseObserver } from '../sse.js'

/** The final event of an OpenAI SSE stream, at the end of the text received so far. */
const SSE_DONE = /(^|\n)data: ?\[DONE\]\r?\n\r?\n$/

/** What the cache decided for one measured call (made once; the SDK's retries reuse it). */
export type CachePlan =
  | { action: 'replay'; entry: CacheEntry; store: CacheStore }
  | { action: 'fail'; response: Response }
  | { action: 'record'; recorder: CacheRecorder }

let warnedWrite = false
const missMessages = new WeakMap<CallMeasurement, string>()

/** The full message of a replay-mode miss of this call (the SDK error's copy may be shortened). */
export function replayMissMessage(m: CallMeasurement): string | undefined {
  return missMessages.get(m)
}

/** False when the project has no cache configured: calls then skip planning altogether (no await per call). */
export function cacheConfigured(): boolean {
  return optionSlice(cacheSlice).enabled === true
}

/**
 * Looks a measured call up in the active cache and marks its measurement (`cache`, `cached`, `recorded`).
 * Undefined when the cache is off or the request cannot be cached (not a JSON POST).
 */
export async function planCacheCall(m: CallMeasurement, input: string | URL | Request, init: RequestInit | undefined): Promise<CachePlan | undefined> {
  const task = currentTask()
  let cache
  try {
    cache = await activeCache()
  } catch (error) {
    if (!(error instanceof CacheConfigError)) throw error
    return { action: 'fail', response: errorResponse(error.message, 'evalgate_cache_config') }
  }
  if (cache === undefined) return undefined
  const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
  const body = jsonBody(init?.body)
  if (method !== 'POST' || body === undefined) return undefined

  const endpoint = endpointOf(url, optionSlice(cacheSlice).endpointAlias)
  const trial = task === undefined ? 0 : trialOf(task)
  // The body in stable JSON once: it names identical requests (occurrences) and makes the key.
  const stableBody = stableStringify(body)
  const occurrence = nextOccurrence(task, trial, `${endpoint}\u0000${stableBody}`)
  const request: CacheRequest = { endpoint, body, ...(trial ? { trial } : {}), ...(occurrence ? { occurrence } : {}) }
  const key = cacheKeyOfStable(request, stableBody)
  const { mode, store } = cache
  const filepath = task?.file?.filepath
  const pack = filepath ? packFileOf(store.dir, cache.root, filepath) : undefined
  const packProblem = pack === undefined ? undefined : await store.packProblem(pack)
  if (packProblem !== undefined) {
    // Replaying from it, or recording over it, would lose its other entries: the call fails, naming the file and line.
    m.cache = 'unavailable'
    const message = `evalgate cache: the cache pack is unusable: ${packProblem}`
    missMessages.set(m, message)
    return { action: 'fail', response: errorResponse(message, 'evalgate_cache_corrupt') }
  }

  if (mode !== 'record') {
    const lookup = await store.get(key, pack)
    if (lookup.found) {
      m.cache = 'hit'
      m.cached = true
      m.recorded = { totalMs: lookup.entry.recorded.totalMs, ttftMs: lookup.entry.recorded.ttftMs }
      if (lookup.file !== pack) {
        // A loose entry (outside a test file, or recorded before packs): its mtime is its last use. In
        // read-write mode it is copied into the test file's pack, so the cache migrates as it is used.
        void store.touch(key)
        // Awaited (once per migrated entry), so a worker that exits right after its last test loses none.
        if (pack !== undefined && mode === 'read-write') await store.put(lookup.entry, pack).catch(() => undefined)
      }
      return { action: 'replay', entry: lookup.entry, store }
    }
    if (mode === 'replay') {
      m.cache = 'unavailable'
      const why = lookup.problem === undefined ? 'no recording of this request' : `the recording is unusable (${lookup.problem})`
      const message = missMessage(why, task, endpoint, body, store.dir)
      missMessages.set(m, message)
      return { action: 'fail', response: errorResponse(message, 'evalgate_cache_miss') }
    }
  }
  m.cache = 'miss'
  return { action: 'record', recorder: new CacheRecorder(store, { format: CACHE_FORMAT, key, kind: m.kind, request }, pack) }
}

/**
 * The replay of a planned hit: a 2xx answer as a body-less `Response` and its body text (the caller reads
 * the text, not a stream made of it); anything else as a full `Response` to read.
 */
export function replay(plan: Extract<CachePlan, { action: 'replay' }>): { response: Response; text?: string } {
  const { status, contentType } = plan.entry.response
  if (status < 200 || status > 299) return { response: replayResponse(plan.entry) }
  return { response: new Response(null, { status, headers: { 'content-type': contentType, 'x-evalgate-cache': 'hit' } }), text: bodyText(plan.entry.response) }
}

/**
 * The replay `Response` of a planned hit of a recorded 2xx stream, its events shown to `observer` on the
 * way (see replaySse); undefined when the entry is not a 2xx SSE recording (then {@link replay} it).
 */
export function replayStream(plan: Extract<CachePlan, { action: 'replay' }>, observer: SseObserver): Response | undefined {
  const { status, contentType, sse } = plan.entry.response
  if (sse === undefined || status < 200 || status > 299 || !contentType.includes('text/event-stream')) return undefined
  return new Response(replaySse(sse.join('\n'), observer), { status, headers: { 'content-type': contentType, 'x-evalgate-cache': 'hit' } })
}

/** Records 2xx answers of one call into the store; a failed write warns once and never fails the call. */
export class CacheRecorder {
  constructor(
    private readonly store: CacheStore,
    private readonly head: Pick<CacheEntry, 'format' | 'key' | 'kind' | 'request'>,
    /** The pack of the calling test file; undefined outside a test file (a loose entry file then). */
    private readonly pack?: string,
  ) {}

  /**
   * Records a non-streamed answer already read. Only complete, well-formed answers may be recorded (a
   * broken 2xx must not be replayed after the endpoint recovers): the caller has checked it with
   * `readAnswer` and never records one with a problem.
   */
  async recordText(status: number, contentType: string, text: string, timing: () => RecordedTiming): Promise<void> {
    await this.write(status, contentType, text, timing())
  }

  /**
   * Passes an SSE body through and records it once it ended normally (or delivered its final
   * `data: [DONE]` event, after which openai 7 cancels the body): not when it failed or was cut short,
   * nor when it stops in the middle of an event.
   */
  recordStream(body: ReadableStream<Uint8Array>, status: number, contentType: string, timing: () => RecordedTiming): ReadableStream<Uint8Array> {
    const write = async (text: string) => {
      // A stream is recorded only when it is whole: ends on an event boundary and carries a finish_reason or [DONE].
      if (/(\r?\n){2}$/.test(text) && sseComplete(text)) await this.write(status, contentType, text, timing())
    }
    return recordingStream(body, write, (text) => SSE_DONE.test(text))
  }

  private async write(status: number, contentType: string, text: string, timing: RecordedTiming): Promise<void> {
    const entry: CacheEntry = { ...this.head, response: toCachedResponse(status, contentType, text), recorded: { at: new Date().toISOString(), ...timing } }
    try {
      await this.store.put(entry, this.pack)
    } catch (error) {
      if (warnedWrite) return
      warnedWrite = true
      console.warn(`evalgate: could not write to the cache folder ${this.store.dir} (${(error as Error).message}); calls are not recorded`)
    }
  }
}

function testName(task: TaskLike | undefined): string {
  if (task === undefined) return '(outside a test)'
  const full = (task as { fullTestName?: unknown }).fullTestName
  const file = task.file?.filepath
  return `${typeof full === 'string' && full ? full : task.name}${file ? ` (${file})` : ''}`
}

function missMessage(why: string, task: TaskLike | undefined, endpoint: string, body: Record<string, unknown>, dir: string): string {
  return [
    `evalgate cache: ${why} in replay mode, so the call fails instead of reaching the network.`,
    `  test: ${testName(task)}`,
    `  request: ${describeRequest(endpoint, body)}`,
    `  cache folder: ${dir}`,
    'Record it with EVALGATE_CACHE=read-write (or record) and commit the cache folder.',
  ].join('\n')
}

/** An error answer the SDK turns into an APIError with `message`, and does not retry. */
function errorResponse(message: string, type: string): Response {
  return new Response(JSON.stringify({ error: { message, type } }), {
    status: 424,
    headers: { 'content-type': 'application/json', 'x-should-retry': 'false', 'x-evalgate-cache': 'error' },
  })
}
