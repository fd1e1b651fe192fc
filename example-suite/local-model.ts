/**
 * A scripted stand-in for an LLM, served by evalgate's local OpenAI-compatible server when
 * OPENAI_BASE_URL is unset. It reads the prompts like a (simple) model would: its answers depend on the
 * system prompt, so degrading a prompt degrades the answers, which is what the eval suite must catch.
 */
import type { ChatRequest, ReplySpec } from 'evalgate/testing'

const RULES: Array<[string, RegExp]> = [
  ['billing', /\b(charged?|refund|invoice|billed|payment|subscription fee|double)\b/i],
  ['account', /\b(password|log ?in|sign ?in|2fa|two-factor|account locked|email address)\b/i],
  ['bug', /\b(crash(es|ed)?|error|bug|broken|fails?|500|blank screen|doesn'?t work)\b/i],
  ['feature_request', /\b(would be (great|nice)|feature|could you add|please add|support for|dark mode)\b/i],
]

function text(content: ChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join('')
  return ''
}

function categoryOf(ticket: string): string {
  return RULES.find(([, re]) => re.test(ticket))?.[0] ?? 'other'
}

function priorityOf(ticket: string): string {
  if (/\b(asap|urgent|immediately|right now|production down)\b/i.test(ticket)) return 'urgent'
  if (/\b(twice|double|cannot|can'?t|locked out|lost)\b/i.test(ticket)) return 'high'
  if (/\b(would be|feature|whenever)\b/i.test(ticket)) return 'low'
  return 'normal'
}

function firstSentence(ticket: string): string {
  return (ticket.split(/(?<=[.!?])\s/)[0] ?? ticket).trim().slice(0, 140)
}

function block(message: string, name: string): string {
  return message.match(new RegExp(`<<<EVALGATE_${name}_(\\w+)>>>\\n([\\s\\S]*?)\\n<<<END_EVALGATE_${name}_\\1>>>`))?.[2] ?? ''
}

/** PASS/FAIL for one rubric criterion, by simple reading of the output (a stand-in for an LLM judge). */
function grade(criterion: string, output: string): boolean {
  if (/next steps/i.test(criterion)) return /next steps/i.test(output)
  if (/promise a refund/i.test(criterion)) return !/\b(we will|we'll) refund\b/i.test(output)
  if (/acknowledges/i.test(criterion)) return /sorry|thank/i.test(output)
  if (/thanks/i.test(criterion)) return /thank/i.test(output)
  if (/polite/i.test(criterion)) return /thank|please|sorry|regards/i.test(output)
  return output.trim().length > 40
}

/** Answers evalgate's judge protocol: one verdict per criterion of the CRITERIA block. */
function judge(message: string): string {
  const output = block(message, 'OUTPUT')
  const verdicts = block(message, 'CRITERIA')
    .split('\n')
    .map((line) => line.match(/^(c\d+): (.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map(([, id, criterion]) => {
      const pass = grade(criterion!, output)
      return { id, verdict: pass ? 'PASS' : 'FAIL', reason: pass ? 'The output meets this criterion.' : 'The output does not meet this criterion.' }
    })
  return JSON.stringify({ verdicts })
}

/** Replies for the triage app's three prompts and for evalgate's judge; anything else gets a generic answer. */
export function triageModel(req: ChatRequest): ReplySpec {
  const system = text(req.messages.find((m) => m.role === 'system')?.content ?? '')
  if (system.startsWith('[evalgate-judge-v1]')) return judge(text(req.messages.find((m) => m.role === 'user')?.content ?? ''))
  const ticket = text([...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '')
  const category = categoryOf(ticket)

  if (/classify/i.test(system)) {
    // Without the category list the "model" invents its own wording.
    if (!/billing, bug, account/.test(system)) return `This looks like a ${category === 'billing' ? 'payment' : 'general'} issue.`
    return /category name only/i.test(system) ? category : `Category: ${category}.`
  }
  if (/extract/i.test(system)) {
    const fields: Record<string, unknown> = {
      category,
      customer_email: ticket.match(/[\w.+-]+@[\w-]+\.[\w.]+/)?.[0] ?? null,
      order_id: ticket.match(/\b[A-Z]{2,5}-\d{3,}\b/)?.[0] ?? null,
      summary: firstSentence(ticket),
    }
    // The "model" only fills priority when the prompt says which values exist.
    if (/priority \(low\|normal\|high\|urgent\)/.test(system)) fields.priority = priorityOf(ticket)
    const json = JSON.stringify(fields)
    return /only JSON/i.test(system) ? json : `Here are the fields:\n\`\`\`json\n${json}\n\`\`\``
  }
  if (/reply/i.test(system)) {
    const topic = category === 'billing' ? 'the charge on your account' : category === 'bug' ? 'the error you ran into' : category === 'account' ? 'your account access' : 'your request'
    const steps = /next steps/i.test(system)
      ? ' Next steps: we have opened a case for you, and a specialist will follow up within one business day.'
      : ''
    return `Hi, thank you for contacting us about ${topic}. We are sorry for the trouble.${steps} Best regards, Support`
  }
  return 'I am a local test model.'
}
