/**
 * Unknown option keys are an error everywhere (matchers, `evalCases`), with the plugin's wording:
 * `unknown option "treshold"` — a typo must never be silently ignored.
 */
import { MatcherUsageError } from './context.js'

/** The "unknown option" problem of `options`, or undefined when every key is known. */
export function unknownOptionProblem(options: unknown, known: readonly string[], path = ''): string | undefined {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return undefined
  const unknown = Object.keys(options).filter((k) => !known.includes(k))
  if (unknown.length === 0) return undefined
  const names = unknown.map((k) => `unknown option "${path ? `${path}.` : ''}${k}"`).join('; ')
  return `${names} (known: ${known.join(', ')})`
}

/** Throws a {@link MatcherUsageError} `who: unknown option "…"` when `options` has a key not in `known`. */
export function rejectUnknownOptions(who: string, options: unknown, known: readonly string[], path = ''): void {
  const problem = unknownOptionProblem(options, known, path)
  if (problem) throw new MatcherUsageError(`${who}: ${problem}`)
}

/**
 * A matcher's options argument: absent (`{}`), or a plain object with only `known` keys. Anything else
 * (null, an array, a number) is `who: options must be an object`; an unknown key is `unknown option "…"`.
 */
export function checkOptions<T extends object>(who: string, options: unknown, known: readonly string[]): T {
  if (options === undefined) return {} as T
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new MatcherUsageError(`${who}: options must be an object`)
  rejectUnknownOptions(who, options, known)
  return options as T
}
