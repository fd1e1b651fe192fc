import { stableHash } from '../util/stable.js'
import type { Fingerprint } from './types.js'
import { emptyFingerprint } from './file.js'

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

const KEY = Symbol.for('evalgate.fingerprint')
type Store = { declared: Fingerprint }

function store(): Store {
  const g = globalThis as Record<symbol, unknown>
  g[KEY] ??= { declared: emptyFingerprint() }
  return g[KEY] as Store
}

const short = (value: unknown) => stableHash(value, 12)

/**
 * Declares what produced this test file's outputs, so baselines remember it and the report can say what
 * changed ("prompt support.system changed; model gpt-x → gpt-y"). Call it at the top of an eval file (or
 * from the app's setup); calls merge.
 */
export function fingerprint(input: FingerprintInput): void {
  const d = store().declared
  for (const [name, text] of Object.entries(input.prompts ?? {})) d.prompts[name] = short(text)
  const models = input.model === undefined ? [] : Array.isArray(input.model) ? input.model : [input.model]
  d.models = [...new Set([...d.models, ...models])].sort()
  if (input.retrieval !== undefined) d.retrieval = short(input.retrieval)
  for (const [name, value] of Object.entries(input.other ?? {})) d.other[name] = short(value)
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
