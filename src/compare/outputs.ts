/**
 * Outputs kept for review (worker side): `keepOutput(text)` stores a candidate's output text, redacted, in
 * the test's meta under `evalgate.compareOutputs`. Only the comparison report reads it; baselines never do.
 */
import { currentTask } from '../worker/context.js'
import { taskMeta } from '../meta/index.js'
import { redactSecrets } from '../util/redact.js'

/** Longest output kept per call (characters). */
export const MAX_KEPT_OUTPUT = 4000

/** Keeps `text` (and, once per test, the case's `input`, shown to blind reviewers) for the comparison report. */
export function keepOutput(text: string, options: { input?: string } = {}): void {
  const task = currentTask()
  if (!task) throw new Error('evalgate: keepOutput() must be called inside a test')
  if (typeof text !== 'string') throw new Error(`evalgate: keepOutput() needs the output text (a string), got ${typeof text}`)
  const unknown = Object.keys(options).filter((k) => k !== 'input')
  if (unknown.length) throw new Error(`evalgate: keepOutput() got unknown option ${JSON.stringify(unknown[0])} (known: input)`)
  const bag = taskMeta(task) as unknown as { compareOutputs?: string[]; compareInput?: string }
  if (typeof options.input === 'string') bag.compareInput = redactSecrets(options.input)
  const kept = redactSecrets(text)
  ;(bag.compareOutputs ??= []).push(kept.length > MAX_KEPT_OUTPUT ? `${kept.slice(0, MAX_KEPT_OUTPUT)}… [${kept.length - MAX_KEPT_OUTPUT} more characters]` : kept)
}

/** The kept outputs of a test's meta (empty when none). */
export function keptOutputs(meta: object): string[] {
  const v = (meta as { compareOutputs?: unknown }).compareOutputs
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/** The kept case input of a test's meta, if any. */
export function keptInput(meta: object): string | undefined {
  const v = (meta as { compareInput?: unknown }).compareInput
  return typeof v === 'string' ? v : undefined
}
