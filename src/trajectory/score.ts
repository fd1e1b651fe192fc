/**
 * Scores a parsed transcript against an expected trajectory (issue 13, item 4). Pure. Aspects, each in [0, 1]:
 * - `tools` (tool-call accuracy): share of calls to an expected tool with valid arguments (`args` schemas);
 *   the order rule must hold too: `strict` = the calls, immediate retries after an error result collapsed,
 *   are exactly `tools` in order; `any` = every listed tool called, in any order, nothing else; `subset` =
 *   only listed tools (not all needed).
 * - `efficiency`: expected minimum steps (`tools.length`; 1 for `subset`) / tool calls made (capped at 1);
 *   `redundant` counts calls repeating an earlier successful call with the same arguments.
 * - `recovery`: share of error results after which the agent retried (at most `maxRetries`, default 2,
 *   identical retries of a failing call), or changed course, or gave a final answer that admits the failure —
 *   not stopped (transcript ends) nor answered as if it had succeeded. 1 when no tool failed.
 * - `drift`: share of assistant turns that do not contain a `forbid` text (instructions not to say/do
 *   something, checked over every turn). 1 without `forbid`.
 * Passes when the order rule holds, every argument is valid, calls ≤ `maxSteps`, recovery and drift are 1.
 */
import { checkSchema, type JsonSchema } from '../schema/index.js'
import type { Transcript, TrajectoryCall } from './parse.js'

export interface TrajectorySpec {
  tools: readonly string[]
  order?: 'strict' | 'any' | 'subset'
  maxSteps?: number
  args?: Readonly<Record<string, JsonSchema>>
  maxRetries?: number
  forbid?: readonly string[]
}

export interface TrajectoryScore {
  pass: boolean
  scores: { tools: number; efficiency: number; recovery: number; drift: number }
  steps: number
  redundant: number
  problems: string[]
  /** The failure kind when failed: `drift` when only drift failed, else `tool`. */
  kind: 'tool' | 'drift' | null
}

const ADMITS = /\b(error|fail(?:ed|ure)?|unable|could ?n[o']t|can ?n[o']t|sorry|unavailable|not available|try again later)\b/i

function collapseRetries(calls: readonly TrajectoryCall[]): string[] {
  const out: string[] = []
  calls.forEach((c, i) => {
    const prev = calls[i - 1]
    if (prev && prev.name === c.name && prev.result?.error) return
    out.push(c.name)
  })
  return out
}

export function scoreTrajectory(t: Transcript, spec: TrajectorySpec): TrajectoryScore {
  const order = spec.order ?? 'strict'
  const maxRetries = spec.maxRetries ?? 2
  const listed = new Set(spec.tools)
  const problems: string[] = []
  // Tool-call accuracy.
  let valid = 0
  for (const c of t.calls) {
    if (!listed.has(c.name)) {
      problems.push(`messages[${c.message}]: call to ${c.name}, which is not an expected tool (${spec.tools.join(', ') || 'none'})`)
      continue
    }
    const schema = spec.args?.[c.name]
    if (schema !== undefined) {
      const r = checkSchema(c.args, schema, { extract: false })
      if (!r.pass) {
        problems.push(`messages[${c.message}]: ${c.name} arguments ${c.rawArgs.slice(0, 80)} are invalid: ${r.errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`)
        continue
      }
    }
    valid++
  }
  const names = collapseRetries(t.calls)
  if (order === 'strict' && names.join('\u0000') !== spec.tools.join('\u0000')) problems.push(`order (strict): expected ${spec.tools.join(' → ') || 'no call'}, got ${names.join(' → ') || 'no call'}`)
  if (order === 'any') for (const name of spec.tools) if (!names.includes(name)) problems.push(`order (any): ${name} was never called`)
  const tools = t.calls.length ? valid / t.calls.length : spec.tools.length && order !== 'subset' ? 0 : 1
  // Efficiency.
  const minimum = order === 'subset' ? Math.min(1, spec.tools.length) : spec.tools.length
  const steps = t.calls.length
  const efficiency = steps === 0 ? (minimum === 0 ? 1 : 0) : Math.min(1, Math.max(minimum, 1) / steps)
  let redundant = 0
  const seen = new Set<string>()
  for (const c of t.calls) {
    const key = `${c.name}\u0000${JSON.stringify(c.args)}`
    if (seen.has(key)) redundant++
    if (c.result && !c.result.error) seen.add(key)
  }
  if (spec.maxSteps !== undefined && steps > spec.maxSteps) problems.push(`steps: ${steps} tool calls, more than maxSteps ${spec.maxSteps}`)
  // Error recovery.
  const errors = t.calls.filter((c) => c.result?.error)
  let recovered = 0
  for (const c of errors) {
    const at = t.calls.indexOf(c)
    const next = t.calls[at + 1]
    let identicalRun = 0
    for (let i = at; i >= 0 && t.calls[i]?.name === c.name && t.calls[i]?.rawArgs === c.rawArgs && t.calls[i]?.result?.error; i--) identicalRun++
    const laterTurns = t.turns.filter((u) => u.message > (c.result?.message ?? c.message))
    if (next && next.message > (c.result?.message ?? c.message)) {
      if (next.name === c.name && next.rawArgs === c.rawArgs && identicalRun >= maxRetries) problems.push(`recovery: ${c.name} failed ${identicalRun} times with the same arguments and the agent retried again (maxRetries ${maxRetries}): a loop`)
      else recovered++
    } else if (laterTurns.length && t.final !== null) {
      if (ADMITS.test(t.final)) recovered++
      else problems.push(`recovery: ${c.name} returned an error (messages[${c.result?.message}]) and the final answer does not admit it: ${JSON.stringify(t.final.slice(0, 80))}`)
    } else problems.push(`recovery: ${c.name} returned an error (messages[${c.result?.message}]) and the agent stopped`)
  }
  const recovery = errors.length ? recovered / errors.length : 1
  // Drift over turns.
  const forbid = spec.forbid ?? []
  const drifted = t.turns.filter((u) => forbid.some((f) => u.text.toLowerCase().includes(f.toLowerCase())))
  for (const u of drifted) problems.push(`drift: messages[${u.message}] contains a forbidden text (${forbid.filter((f) => u.text.toLowerCase().includes(f.toLowerCase())).map((f) => JSON.stringify(f)).join(', ')})`)
  const drift = t.turns.length ? 1 - drifted.length / t.turns.length : 1
  const toolProblems = problems.filter((p) => !p.startsWith('drift:'))
  const pass = problems.length === 0
  return { pass, scores: { tools, efficiency, recovery, drift }, steps, redundant, problems, kind: pass ? null : toolProblems.length ? 'tool' : 'drift' }
}
