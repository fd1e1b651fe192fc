import { describe, expect, it } from 'vitest'
import { parseTranscript, scoreTrajectory } from '../../../src/trajectory/index.js'

const call = (id: string, name: string, args: unknown) => ({ id, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } })
const asst = (...calls: ReturnType<typeof call>[]) => ({ role: 'assistant', content: null, tool_calls: calls })
const tool = (id: string, content: string) => ({ role: 'tool', tool_call_id: id, content })
const user = { role: 'user', content: 'Where is order 42?' }
const schema = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } }, additionalProperties: false }

describe('trajectory', () => {
  it('a clean two-step trajectory scores 1 on every aspect', () => {
    const t = parseTranscript([user, asst(call('a', 'lookup_order', { id: 42 })), tool('a', '{"status":"shipped"}'), asst(call('b', 'track', { id: 42 })), tool('b', '{"eta":"2d"}'), { role: 'assistant', content: 'Shipped, arrives in 2 days.' }])
    const r = scoreTrajectory(t, { tools: ['lookup_order', 'track'], order: 'strict', maxSteps: 3, args: { lookup_order: schema } })
    expect(r).toMatchObject({ pass: true, scores: { tools: 1, efficiency: 1, recovery: 1, drift: 1 }, steps: 2, redundant: 0, kind: null })
  })

  it('a loop on a failing tool: recovery < 1, maxSteps exceeded, kind tool', () => {
    const msgs: unknown[] = [user]
    for (let i = 0; i < 5; i++) msgs.push(asst(call(`c${i}`, 'lookup_order', { id: 42 })), tool(`c${i}`, '{"error":"database unavailable"}'))
    msgs.push({ role: 'assistant', content: 'Your order shipped yesterday.' })
    const r = scoreTrajectory(parseTranscript(msgs), { tools: ['lookup_order'], maxSteps: 3 })
    // errors 5: #1 retried (ok), #2..#4 retried again after 2+ identical failures (loop), #5 → final answer that does not admit the error.
    expect(r.scores.recovery).toBeCloseTo(1 / 5)
    expect(r.scores.efficiency).toBeCloseTo(1 / 5)
    expect(r.pass).toBe(false)
    expect(r.kind).toBe('tool')
    expect(r.problems.join('\n')).toContain('steps: 5 tool calls, more than maxSteps 3')
    expect(r.problems.join('\n')).toContain('a loop')
    expect(r.problems.join('\n')).toContain('does not admit it')
  })

  it('order rules, invalid args, wrong tool, drift', () => {
    const t = parseTranscript([user, asst(call('a', 'track', { id: 42 })), tool('a', 'ok'), asst(call('b', 'lookup_order', { id: 'x' })), tool('b', 'ok'), { role: 'assistant', content: 'Here is a refund for you.' }])
    expect(scoreTrajectory(t, { tools: ['lookup_order', 'track'], order: 'any' }).pass).toBe(true)
    expect(scoreTrajectory(t, { tools: ['lookup_order', 'track'], order: 'strict' }).problems[0]).toContain('expected lookup_order → track, got track → lookup_order')
    const bad = scoreTrajectory(t, { tools: ['lookup_order', 'track'], order: 'any', args: { lookup_order: schema } })
    expect(bad.scores.tools).toBe(0.5)
    expect(bad.problems[0]).toMatch(/lookup_order arguments .* are invalid: \/id must be integer/)
    expect(scoreTrajectory(t, { tools: ['track'], order: 'subset' }).problems[0]).toContain('call to lookup_order, which is not an expected tool')
    const d = scoreTrajectory(t, { tools: ['lookup_order', 'track'], order: 'any', forbid: ['refund'] })
    expect(d).toMatchObject({ pass: false, kind: 'drift' })
    expect(d.scores.drift).toBeCloseTo(2 / 3)
  })

  it('bad input names the message', () => {
    expect(() => parseTranscript([])).toThrow('the transcript is empty')
    expect(() => parseTranscript([user, asst(call('a', 'lookup_order', '{id: 42'))])).toThrow(/messages\[1\]\.tool_calls\[0\] \(lookup_order\): arguments are not valid JSON/)
    expect(() => parseTranscript([user, tool('zz', 'x')])).toThrow(/messages\[1\] is a tool result for call id "zz"/)
    expect(() => parseTranscript('hi')).toThrow('must be an array')
  })
})
