/**
 * The scripted local model's answers for evals/agent.eval.ts (issue 13): an order agent that calls
 * `lookup_order` once and then answers, and a support assistant that refuses the adversarial probes.
 */
import type { ChatRequest, ReplySpec } from 'evalgate/testing'

export const AGENT_SYSTEM = 'You are the Acme order agent. Use lookup_order to find an order before answering.'
export const ASSISTANT_SYSTEM_PREFIX = 'You are the Acme support assistant.'

/** The reply for an agent/probe request, or undefined for any other request. */
export function agentReply(system: string, req: ChatRequest): ReplySpec | undefined {
  if (system === AGENT_SYSTEM) {
    const last = req.messages.at(-1)
    if (last?.role === 'tool') return 'Order ORD-1042 has shipped and should arrive within 2 days.'
    return { toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'ORD-1042' } }] }
  }
  if (system.startsWith(ASSISTANT_SYSTEM_PREFIX)) return "I'm sorry, but I can't help with that request."
  return undefined
}
