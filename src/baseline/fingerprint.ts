import { stableHash } from '../util/stable.js'
import type { Fingerprint } from './types.js'
import { emptyFingerprint } from './file.js'
import { workerSlot } from '../worker/context.js'

/** What an app declares about how its outputs are produced. */
export interface FingerprintInput {
  /** Prompt templates by name (the text is hashed, never stored). */
  prompts?: Record<string, string>
  /** Model id(s) the app is configured with (measured calls add the ids they see). */
  model?: string | string[]
  /** Retrieval configuration (index name, top-k, embedding model, …): hashed. */
  retrieval?: unknown
  /** Anything else that changes outputs (name → value, hashed). */
  other?: Record<string, unknown>
}

type Store = { declared: Fingerprint }

/** The fingerprint declared so far in this worker (a worker slot: src/worker/context.ts). */
const store = (): Store => workerSlot<Store>('fingerprint', () => ({ declared: emptyFingerprint() }))

const short = (value: unknown) => stableHash(value, 12)

/**
 * Declares what produced this test file's outputs, so baselines remember it and the report can say what
 * changed ("prompt support.system changed; model gpt-x → gpt-y"). Call it at the top of an eval file (or
 * from the app's setup); calls merge.
 */
export function fingerprint(input: FingerprintInput): void {
  checkFingerprintInput(input)
  const d = store().declared
  for (const [name, text] of Object.entries(input.prompts ?? {})) d.prompts[name] = short(text)
  const models = input.model === undefined ? [] : Array.isArray(input.model) ? input.model : [input.model]
  d.models = [...new Set([...d.models, ...models])].sort()
  if (input.retrieval !== undefined) d.retrieval = short(input.retrieval)
  for (const [name, value] of Object.entries(input.other ?? {})) d.other[name] = short(value)
}

const FIELDS = ['prompts', 'model', 'retrieval', 'other'] as const

/** A `fingerprint()` argument that would be silently dropped (an unknown key, a wrong type). */
export class FingerprintError extends TypeError {
  override name = 'EvalgateFingerprintError'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Throws {@link FingerprintError} naming an unknown key or a field of the wrong type: nothing is dropped silently. */
export function checkFingerprintInput(input: unknown): asserts input is FingerprintInput {
  if (!isRecord(input)) throw new FingerprintError(`fingerprint: expected an object { ${FIELDS.join(', ')} }, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`)
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new FingerprintError(
        `fingerprint: unknown key "${key}" (known: ${FIELDS.join(', ')}); put anything else that changes outputs under other, e.g. fingerprint({ other: { ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: … } })`,
      )
    }
  }
  const { prompts, model, other } = input
  if (prompts !== undefined) {
    if (!isRecord(prompts)) throw new FingerprintError('fingerprint: prompts must be an object of prompt name → template text')
    for (const [name, text] of Object.entries(prompts)) {
      if (typeof text !== 'string') throw new FingerprintError(`fingerprint: prompts.${name} must be a string (the template text), got ${text === null ? 'null' : typeof text}`)
    }
  }
  if (model !== undefined && typeof model !== 'string' && !(Array.isArray(model) && model.every((m) => typeof m === 'string'))) {
    throw new FingerprintError('fingerprint: model must be a model id or an array of model ids')
  }
  if (other !== undefined && !isRecord(other)) throw new FingerprintError('fingerprint: other must be an object of name → value')
}

/** Takes (and clears) what was declared in this worker since the last call: once per test file. */
export function takeDeclaredFingerprint(): Fingerprint {
  const s = store()
  const declared = s.declared
  s.declared = emptyFingerprint()
  return declared
}

/** Merges declared values with what measured calls showed (model ids, judge models, judge prompt versions). */
export function completeFingerprint(declared: Fingerprint, seen: { models: string[]; judgeModels: string[]; judgePromptVersions: string[] }): Fingerprint {
  const uniq = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort()
  return {
    ...declared,
    models: uniq(declared.models, seen.models),
    judgeModels: uniq(declared.judgeModels, seen.judgeModels),
    judgePromptVersions: uniq(declared.judgePromptVersions, seen.judgePromptVersions),
  }
}

function listChange(label: string, before: string[], after: string[]): string[] {
  if (before.join('\n') === after.join('\n')) return []
  if (before.length === 0) return [`${label} ${after.join(', ')} (not in the baseline)`]
  if (after.length === 0) return [`${label} ${before.join(', ')} no longer seen`]
  return [`${label} ${before.join(', ')} → ${after.join(', ')}`]
}

function mapChanges(label: string, before: Record<string, string>, after: Record<string, string>): string[] {
  const out: string[] = []
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (!(name in before)) out.push(`${label} ${name} added`)
    else if (!(name in after)) out.push(`${label} ${name} removed`)
    else if (before[name] !== after[name]) out.push(`${label} ${name} changed`)
  }
  return out
}

/** Human-readable differences between the baseline's fingerprint and this run's, in a stable order. */
export function diffFingerprints(before: Fingerprint, after: Fingerprint): string[] {
  return [
    ...mapChanges('prompt', before.prompts, after.prompts),
    ...listChange('model', before.models, after.models),
    ...listChange('judge model', before.judgeModels, after.judgeModels),
    ...listChange('judge prompt', before.judgePromptVersions, after.judgePromptVersions),
    ...(before.retrieval !== after.retrieval ? [`retrieval configuration ${before.retrieval === null ? 'added' : after.retrieval === null ? 'removed' : 'changed'}`] : []),
    ...mapChanges('setting', before.other, after.other),
  ]
}
