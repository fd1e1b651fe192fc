/**
 * Secrets never reach anything evalgate stores or prints (task meta, messages, reports, snapshots, cache).
 * Redacts every key evalgate knows of — configured (`judge.apiKey`, `embeddings.apiKey`, the usual env
 * variables) or seen in an `Authorization` header of a measured call — and anything that looks like a key:
 * `sk-…` tokens and `Bearer …` credentials.
 */

const MARK = '[REDACTED]'
const KEY = Symbol.for('evalgate.known-secrets')
const ENV_KEYS = ['OPENAI_API_KEY', 'EVALGATE_JUDGE_API_KEY', 'EVALGATE_EMBEDDINGS_API_KEY', 'AZURE_OPENAI_API_KEY']
/** `sk-` keys (OpenAI, Anthropic-style `sk-ant-…`, project keys `sk-proj-…`). */
const SK = /\bsk-[A-Za-z0-9_-]{6,}/g
/** An HTTP bearer credential. */
const BEARER = /\bBearer\s+[^\s"'`,;)\]}]+/gi
/** Cheap test for text {@link BEARER} may match (non-global: no lastIndex state). */
const BEARER_WORD = /bearer\s/i

function known(): Set<string> {
  const g = globalThis as typeof globalThis & { [KEY]?: Set<string> }
  g[KEY] ??= new Set()
  return g[KEY]
}

/** Adds a secret (4+ characters) to those redacted everywhere in this process. */
export function registerSecret(secret: string | null | undefined): void {
  if (typeof secret !== 'string') return
  const s = secret.replace(/^Bearer\s+/i, '').trim()
  if (s.length >= 4) known().add(s)
}

/** `text` with every known or key-shaped secret replaced by `[REDACTED]`. */
export function redactSecrets(text: string, extra: ReadonlyArray<string | undefined> = []): string {
  return redactWith(text, secretList(extra))
}

/** The last list worked out without extras, and what it was worked out from. */
let last: { size: number; env: string; list: readonly string[] } | undefined

/** The secrets to redact right now, longest first (so a key that contains another is removed whole). */
function secretList(extra: ReadonlyArray<string | undefined> = []): readonly string[] {
  const secrets = known()
  // Known secrets are only ever added, so the count and the variables' values say whether the list changed
  // (every matcher record is redacted: rebuilding and sorting the list each time showed in profiles).
  let env = ''
  for (const k of ENV_KEYS) env += (process.env[k] ?? '') + '\0'
  if (extra.length === 0 && last && last.size === secrets.size && last.env === env) return last.list
  const list = [...secrets, ...ENV_KEYS.map((k) => process.env[k]), ...extra]
    .filter((x): x is string => typeof x === 'string' && x.length >= 4)
    .sort((a, b) => b.length - a.length)
  if (extra.length === 0) last = { size: secrets.size, env, list }
  return list
}

function redactWith(text: string, secrets: readonly string[]): string {
  // Nothing shorter than 4 characters can hold a secret (known ones have 4+, `sk-…` and `Bearer …` more).
  if (text.length < 4) return text
  let out = text
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(MARK)
  }
  // The patterns only ever match text holding `sk-` or a bearer word: most strings (names, numbers, labels)
  // hold neither, and two global replaces per string showed in profiles.
  if (BEARER_WORD.test(out)) out = out.replace(BEARER, `Bearer ${MARK}`)
  return out.includes('sk-') ? out.replace(SK, MARK) : out
}

/**
 * Plain data (objects, arrays, strings) with every string redacted: a copy of each object or array in which
 * something was redacted, the value itself where nothing was. Non-plain values (class instances other than
 * arrays and plain objects) are kept as they are.
 */
export function redactDeep<T>(value: T, seen = new WeakSet<object>()): T {
  // The secret list is worked out once per value, not once per string in it (a matcher record has dozens).
  return redactDeepWith(value, seen, secretList())
}

function redactDeepWith<T>(value: T, seen: WeakSet<object>, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactWith(value, secrets) as T
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return value
  seen.add(value)
  // Copy on write: data holding no secret (most of it) comes back as it is, not copied.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    value.forEach((v, i) => {
      const r = redactDeepWith(v, seen, secrets)
      if (r !== v) (out ??= value.slice())[i] = r
    })
    return (out ?? value) as T
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  let out: Record<string, unknown> | undefined
  for (const k of keys) {
    const v = obj[k]
    const r = redactDeepWith(v, seen, secrets)
    if (r === v) continue
    if (!out) {
      out = Object.create(proto) as Record<string, unknown>
      for (const k2 of keys) out[k2] = obj[k2]
    }
    out[k] = r
  }
  return (out ?? value) as T
}

/** Redacts an error in place: its message, stack and enumerable string/plain-data properties. */
export function redactError(error: unknown): void {
  if (error === null || typeof error !== 'object') return
  const e = error as Record<string, unknown> & { message?: unknown; stack?: unknown }
  try {
    if (typeof e.message === 'string') e.message = redactSecrets(e.message)
    if (typeof e.stack === 'string') e.stack = redactSecrets(e.stack)
    for (const k of Object.keys(e)) {
      const v = e[k]
      if (typeof v === 'string' || (v !== null && typeof v === 'object' && !(v instanceof Headers))) e[k] = redactDeep(v)
      else if (v instanceof Headers) e[k] = new Headers([...v].map(([n, x]) => [n, redactSecrets(x)]))
    }
  } catch {
    // a frozen error: nothing to do
  }
}
