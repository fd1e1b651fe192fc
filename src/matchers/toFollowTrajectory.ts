/**
 * `expect(transcript).toFollowTrajectory({ tools, order?, maxSteps?, args?, maxRetries?, forbid? })` (issue 13):
 * checks a multi-step OpenAI chat transcript (see src/trajectory/score.ts for the aspects). Records one
 * score per aspect as metrics `trajectory.tools`, `trajectory.efficiency`, `trajectory.recovery`,
 * `trajectory.drift` (for baselines and the gate). A failure is kind `tool` (or `drift` when only drift failed).
 */
import { compileSchema, type JsonSchema } from '../schema/index.js'
import { parseTranscript, scoreTrajectory, TrajectoryInputError, type TrajectorySpec } from '../trajectory/index.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { rejectUnknownOptions } from './option-keys.js'

export type TrajectoryOptions = TrajectorySpec

const NAME = 'toFollowTrajectory'

function checkSpec(spec: unknown): TrajectorySpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new MatcherUsageError(`${NAME}: expected { tools, order?, maxSteps?, args?, maxRetries?, forbid? }`)
  rejectUnknownOptions(NAME, spec, ['tools', 'order', 'maxSteps', 'args', 'maxRetries', 'forbid'])
  const s = spec as TrajectorySpec
  if (!Array.isArray(s.tools) || !s.tools.every((t) => typeof t === 'string' && t)) throw new MatcherUsageError(`${NAME}: tools must be an array of tool names`)
  if (s.order !== undefined && !['strict', 'any', 'subset'].includes(s.order)) throw new MatcherUsageError(`${NAME}: order must be 'strict', 'any' or 'subset', got ${JSON.stringify(s.order)}`)
  for (const k of ['maxSteps', 'maxRetries'] as const) {
    const v = s[k]
    if (v !== undefined && !(Number.isInteger(v) && v >= (k === 'maxSteps' ? 1 : 0))) throw new MatcherUsageError(`${NAME}: ${k} must be an integer ≥ ${k === 'maxSteps' ? 1 : 0}, got ${String(v)}`)
  }
  if (s.forbid !== undefined && !(Array.isArray(s.forbid) && s.forbid.every((f) => typeof f === 'string' && f))) throw new MatcherUsageError(`${NAME}: forbid must be an array of non-empty strings`)
  if (s.args !== undefined) {
    if (typeof s.args !== 'object' || s.args === null) throw new MatcherUsageError(`${NAME}: args must be an object of tool name → JSON Schema`)
    for (const [name, schema] of Object.entries(s.args)) {
      if (!s.tools.includes(name)) throw new MatcherUsageError(`${NAME}: args names "${name}", which is not in tools (${s.tools.join(', ')})`)
      compileSchema(schema as JsonSchema)
    }
  }
  return s
}

export function toFollowTrajectory(this: MatcherContext, received: unknown, spec: TrajectoryOptions): MatcherResult {
  const s = checkSpec(spec)
  let transcript
  try {
    transcript = parseTranscript(received)
  } catch (error) {
    if (error instanceof TrajectoryInputError) throw new MatcherUsageError(`${NAME}: ${error.message}`)
    throw error
  }
  const r = scoreTrajectory(transcript, s)
  const failure = r.kind ? { failure: { kind: r.kind, severity: 'major' } } : {}
  for (const [aspect, score] of Object.entries(r.scores)) {
    recordMatcher(this, { matcher: NAME, metric: `trajectory.${aspect}`, pass: r.pass, score, details: { steps: r.steps, redundant: r.redundant, ...failure } })
  }
  const f2 = (x: number) => x.toFixed(2)
  const summary = `tools ${f2(r.scores.tools)} · efficiency ${f2(r.scores.efficiency)} (${r.steps} calls, ${r.redundant} redundant) · recovery ${f2(r.scores.recovery)} · drift ${f2(r.scores.drift)}`
  const head = this.isNot ? 'expected the transcript not to follow the trajectory, but it does' : `the transcript does not follow the trajectory (${r.problems.length} problem(s)):`
  return { pass: r.pass, message: () => [hint(this, NAME, 'trajectory'), '', head, ...(this.isNot ? [] : r.problems.map((p) => `  - ${p}`)), `scores: ${summary}`].join('\n') }
}
