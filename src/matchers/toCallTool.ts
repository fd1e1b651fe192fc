import { checkSchema, compileSchema, excerpt, formatSchemaFailure, type JsonSchema, type SchemaCheckResult } from '../schema/index.js'
import { hint, MatcherUsageError, recordMatcher, type MatcherContext, type MatcherResult } from './context.js'
import { readToolCalls, type ToolCallInfo } from './tool-calls.js'

const NAME = 'toCallTool'

interface Checked {
  call: ToolCallInfo
  result?: SchemaCheckResult
}

function indent(text: string, pad = '      '): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n')
}

function listCalls(calls: ToolCallInfo[], checked: Checked[]): string[] {
  if (calls.length === 0) return ['tool calls received: none']
  const lines = [`tool calls received (${calls.length}):`]
  for (const call of calls) {
    const label = call.type === 'function' ? (call.name ?? '(no name)') : `${call.type} ${call.name ?? '(no name)'}`
    lines.push(`  #${call.index} ${label}(${excerpt(call.arguments, 160)})`)
    const result = checked.find((c) => c.call === call)?.result
    if (result && !result.pass) lines.push('    ✗ arguments do not match the schema:', indent(formatSchemaFailure(result, call.arguments)))
  }
  return lines
}

/**
 * `expect(completion).toCallTool(name, argsSchema?)`: some tool call is to the function `name` and, when a
 * JSON Schema is given, its `arguments` are JSON (the whole string, strict) valid for it. Received: a chat
 * completion (all choices), a chat message, or a `tool_calls` array. Score: 1 on a match, else the best
 * schema score (see `checkSchema`: invalid arguments get half their required-key coverage) of the calls with that name (0 when there is none). An invalid schema throws.
 */
export function toCallTool(this: MatcherContext, received: unknown, name: string, argsSchema?: JsonSchema): MatcherResult {
  if (typeof name !== 'string' || name.trim() === '') throw new MatcherUsageError(`${NAME}: the tool name must be a non-empty string`)
  if (argsSchema !== undefined) compileSchema(argsSchema)
  const calls = readToolCalls(received)
  if (calls === undefined) {
    throw new MatcherUsageError(`${NAME}: received must be a chat completion, a chat message or a tool_calls array; got ${received === null ? 'null' : typeof received}`)
  }
  const checked: Checked[] = calls
    .filter((c) => c.type === 'function' && c.name === name)
    .map((call) => (argsSchema === undefined ? { call } : { call, result: checkSchema(call.arguments, argsSchema, { strict: true }) }))
  const match = checked.find((c) => c.result === undefined || c.result.pass)
  const pass = match !== undefined
  const score = pass ? 1 : Math.max(0, ...checked.map((c) => c.result?.partialScore ?? 0))
  recordMatcher(this, {
    matcher: NAME,
    pass,
    score,
    details: { tool: name, calls: calls.map((c) => c.name), schema: argsSchema !== undefined, ...(match ? { matchedIndex: match.call.index } : {}) },
  })
  const what = `a call to tool ${JSON.stringify(name)}${argsSchema === undefined ? '' : ' with arguments valid for the schema'}`
  return {
    pass,
    message: () => {
      const head = this.isNot ? `expected no ${what.slice(2)}, but call #${match?.call.index} is one` : `expected ${what}${checked.length ? `; ${checked.length} call(s) to it have invalid arguments` : ''}`
      const lines = [hint(this, NAME, 'name'), '', head, ...listCalls(calls, this.isNot ? [] : checked)]
      if (!pass && checked.length) lines.push(`partial score: ${score.toFixed(2)} (best schema score of the calls to ${JSON.stringify(name)}: half their required-key coverage)`)
      return lines.join('\n')
    },
  }
}
