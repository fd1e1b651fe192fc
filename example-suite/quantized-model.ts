/**
 * A "quantized" variant of the scripted triage model, for the model-selection example: the same answers,
 * but it breaks its JSON more often (about one extraction in six is cut short), as aggressive quantization
 * of a small model tends to. It runs on its own local server, faster and cheaper than the reference.
 */
import { createHash } from 'node:crypto'
import type { ChatRequest, ReplySpec } from 'evalgate/testing'
import { createTriageModel } from './local-model.js'

const roll = (s: string) => createHash('sha256').update(`quantized\u0000${s}`).digest().readUInt32BE(0) / 2 ** 32

export function createQuantizedModel(): (req: ChatRequest) => ReplySpec {
  const base = createTriageModel()
  return (req) => {
    const reply = base(req)
    const system = String(req.messages.find((m) => m.role === 'system')?.content ?? '')
    const ticket = String([...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '')
    if (/extract/i.test(system) && typeof reply === 'string' && roll(ticket) < 0.17) return reply.slice(0, Math.floor(reply.length * 0.6))
    return reply
  }
}
