/**
 * Un-awaited async matchers (issue 10 row 1). Vitest does not warn about a custom async matcher's promise
 * that the test never awaited: the test ends green and the verdict arrives later (or never). Every promise
 * an evalgate matcher returns is registered on its test; the setup file's `afterEach` fails a test whose
 * matcher promises are still pending ("toPassRubric was not awaited") and writes no baseline for it.
 */
import { currentTask, type TaskLike } from '../worker/context.js'
import type { MatcherContext, MatcherResult } from './context.js'
import { redactError, redactSecrets } from '../util/redact.js'

interface Entry {
  name: string
  settled: boolean
}

// On globalThis: the setup file and user code may load two copies of this module.
const KEY = Symbol.for('evalgate.pending-matchers')

function registry(): WeakMap<object, Entry[]> {
  const g = globalThis as typeof globalThis & { [KEY]?: WeakMap<object, Entry[]> }
  g[KEY] ??= new WeakMap()
  return g[KEY]
}

/** Registers `promise` of matcher `name` on `task` until it settles. */
export function trackMatcherPromise(task: TaskLike, name: string, promise: PromiseLike<unknown>): void {
  const map = registry()
  const list = map.get(task) ?? []
  map.set(task, list)
  const entry: Entry = { name, settled: false }
  list.push(entry)
  const done = () => void (entry.settled = true)
  promise.then(done, done)
}

/** Names of the matchers of `task` whose promises have not settled yet (in call order, with repeats). */
export function pendingMatchers(task: object): string[] {
  return (registry().get(task) ?? []).filter((e) => !e.settled).map((e) => e.name)
}

/** Forgets `task`'s promises (a repeated or retried test starts afresh). */
export function clearPendingMatchers(task: object): void {
  registry().delete(task)
}

/** The error a test with un-awaited matchers fails with. */
export function notAwaitedMessage(names: readonly string[]): string {
  const unique = [...new Set(names)]
  const counted = unique.map((n) => {
    const times = names.filter((x) => x === n).length
    return times > 1 ? `${n} (${times} calls)` : n
  })
  return (
    `evalgate: ${counted.join(', ')} was not awaited: its verdict was still pending when the test ended, so the test cannot pass on it ` +
    `and no baseline is written for it. Write \`await expect(…).${unique[0]}(…)\` (in a loop: for…of, or await Promise.all over the assertions).`
  )
}

type MatcherFn = (this: MatcherContext, ...args: never[]) => unknown

/** A matcher result whose message carries no secret. */
function redactResult(result: MatcherResult): MatcherResult {
  if (result === null || typeof result !== 'object' || typeof result.message !== 'function') return result
  const message = result.message
  return { ...result, message: () => redactSecrets(message()) }
}

/**
 * Wraps matchers so that the promises they return are tracked on the running test, and their messages and
 * errors carry no secret.
 */
export function trackingMatchers<M extends Record<string, MatcherFn>>(matchers: M): M {
  const out: Record<string, MatcherFn> = {}
  for (const [name, fn] of Object.entries(matchers)) {
    out[name] = function (this: MatcherContext, ...args: never[]) {
      let result: unknown
      try {
        result = fn.apply(this, args)
      } catch (error) {
        redactError(error)
        throw error
      }
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        const redacted = Promise.resolve(result as PromiseLike<MatcherResult>).then(redactResult, (error: unknown) => {
          redactError(error)
          throw error
        })
        const task = (this.task as TaskLike | undefined) ?? currentTask()
        if (task) trackMatcherPromise(task, name, redacted)
        return redacted
      }
      return redactResult(result as MatcherResult)
    }
  }
  return out as M
}
