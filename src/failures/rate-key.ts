// The `gate.failureRates` key syntax, apart from the rate test (failures/gate.ts loads the statistics) so the
// plugin's config-time option check stays lean.
import { FAILURE_KINDS, isFailureKind, type FailureKind } from './types.js'

/** Splits `kind` / `kind@category`; throws naming the key when the kind is unknown. */
export function parseRateKey(key: string): { kind: FailureKind; category?: string } {
  const at = key.indexOf('@')
  const kind = at < 0 ? key : key.slice(0, at)
  const category = at < 0 ? undefined : key.slice(at + 1)
  if (!isFailureKind(kind)) throw new Error(`gate.failureRates["${key}"]: unknown failure kind "${kind}"`)
  if (category === '') throw new Error(`gate.failureRates["${key}"]: empty category after "@"`)
  return category === undefined ? { kind } : { kind, category }
}

/** Problems of the `gate.failureRates` keys (for the plugin's option check), each naming the key. */
export function rateKeyProblems(limits: Record<string, unknown> | undefined): string[] {
  const out: string[] = []
  for (const key of Object.keys(limits ?? {})) {
    try {
      parseRateKey(key)
    } catch (error) {
      out.push(`option ${(error as Error).message} (kinds: ${FAILURE_KINDS.join(', ')}; a key is kind or kind@category)`)
    }
  }
  return out
}
