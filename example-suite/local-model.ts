/**
 * A scripted stand-in for an LLM, served by evalgate's local OpenAI-compatible server when
 * OPENAI_BASE_URL is unset. It reads the prompts like a (simple) model would: its answers depend on the
 * system prompt, so degrading a prompt degrades the answers, which is what the eval suite must catch.
 *
 * Like a real model it is wrong now and then, more often on hard tickets (no telling keyword, several
 * issues in one, instructions inside the ticket). Every slip is a deterministic function of the ticket
 * text (a hash), so a cold run reproduces the committed baselines. Replies (the app samples them at
 * temperature 0.3) also vary with how many times the server has seen the same request: the K trials of
 * a case get K different drafts, as from a sampled model, in a fixed order.
 */
import { createHash } from 'node:crypto'
import type { ChatRequest, ReplySpec } from 'evalgate/testing'
import { agentReply } from './agent-model.js'

const RULES: Array<[string, RegExp]> = [
  ['billing', /\b(charged?|refund|invoices?|billed|payment|subscription fee|double|receipts?|pay)\b/i],
  ['account', /\b(password|log ?in|sign ?in|2fa|two-factor|locked|email address|admin|workspace)\b/i],
  ['shipping', /\b(deliver(y|ed)?|package|parcel|shipping|ship|shipped|tracking|courier)\b/i],
  ['bug', /\b(crash(es|ed)?|error|bug|broken|fails?|500|502|blank screen|doesn'?t work|time out)\b/i],
  ['feature_request', /\b(would be (great|nice)|feature|could you add|please add|support for|idea|any plans)\b/i],
]

/** A number in [0, 1) from the text: the "dice" of this model, the same on every run. */
function chance(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0) / 2 ** 32
}

function text(content: ChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join('')
  return ''
}

const KNOWN = ['billing', 'bug', 'account', 'shipping', 'feature_request', 'other']

/** The category this model reads in the ticket, slips included. */
function categoryOf(ticket: string): string {
  const matches = RULES.filter(([, re]) => re.test(ticket)).map(([name]) => name)
  // Instructions in the ticket sometimes win (a prompt injection that works 40% of the time).
  const injected = ticket.match(/\b(?:classify|categori[sz]e|label) (?:this|it)(?: ticket)? as (?:an? )?(\w+)/i)?.[1]?.toLowerCase()
  if (injected && KNOWN.includes(injected) && chance('inject', ticket) < 0.4) return injected
  if (matches.length === 0) return 'other'
  // Several topics: the first one it noticed, or now and then the second.
  if (matches.length > 1 && chance('ambiguous', ticket) < 0.35) return matches[1]!
  // A small slip rate on clear tickets, larger on long ones.
  const slip = ticket.length > 160 ? 0.08 : 0.03
  if (chance('slip', ticket) < slip) return 'other'
  return matches[0]!
}

function priorityOf(ticket: string): string {
  if (/\b(asap|urgent|immediately|right now|production down)\b/i.test(ticket)) return 'urgent'
  if (/\b(twice|two times|double|cannot|can'?t|locked|lost|damaged|missing|third month|did not do this)\b/i.test(ticket)) return 'high'
  if (/\b(would be|feature|whenever|idea|please add|any plans|suggestion)\b/i.test(ticket)) return 'low'
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
  if (/share|reveal/i.test(criterion)) return !/\b(here is|here's) (the|your|a)\b/i.test(output)
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
      return { id, verdict: pass ? 'PASS' : 'FAIL', reason: pass ? 'Meets it.' : 'Does not meet it.' }
    })
  return JSON.stringify({ verdicts })
}

const TOPIC: Record<string, string> = {
  billing: 'the charge on your account',
  bug: 'the error you ran into',
  account: 'your account access',
  shipping: 'your delivery',
  feature_request: 'your suggestion',
}

/**
 * A reply draft, streamed in two pieces: the greeting, then the rest (a real server streams tokens; two
 * pieces keep the committed cache small, about 1 KB per recorded stream less than word by word, and
 * still give the stream a first token before the end).
 */
function draft(system: string, ticket: string, sample: number): ReplySpec {
  const category = categoryOf(ticket)
  const roll = chance('reply', ticket, sample)
  const hard = ticket.length > 160 || RULES.filter(([, re]) => re.test(ticket)).length > 1
  const pieces = [`Hi, thank you for contacting us about ${TOPIC[category] ?? 'your request'}. `]
  if (category !== 'feature_request' && category !== 'other') pieces.push('We are sorry for the trouble. ')
  // Asked for next steps, it gives them in most drafts; without that instruction only now and then.
  const stepsRate = /next steps/i.test(system) ? (hard ? 0.8 : 0.93) : 0.25
  if (roll < stepsRate) pieces.push('Next steps: we have opened a case for you, and a specialist will follow up within one business day. ')
  // A pushy ticket about money sometimes talks the draft into a promise the prompt forbids.
  const refundRate = /never promise refunds/i.test(system) ? 0.25 : 0.6
  if (/refund|money back/i.test(ticket) && chance('refund', ticket, sample) < refundRate) pieces.push("We'll refund the amount right away. ")
  pieces.push('Best regards, Support')
  const [first = '', ...rest] = pieces
  return { content: pieces.join(''), pieces: [first, rest.join('')] }
}

/**
 * The model: replies for the triage app's three prompts and for evalgate's judge; anything else gets a
 * generic answer. One instance per server (it counts repeated reply requests).
 */
export function createTriageModel(): (req: ChatRequest) => ReplySpec {
  const seen = new Map<string, number>()
  return (req) => {
    const system = text(req.messages.find((m) => m.role === 'system')?.content ?? '')
    if (system.startsWith('[evalgate-judge-v1]')) return judge(text(req.messages.find((m) => m.role === 'user')?.content ?? ''))
    const agent = agentReply(system, req)
    if (agent !== undefined) return agent
    const ticket = text([...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '')
    const category = categoryOf(ticket)

    if (/classify/i.test(system)) {
      // Without the category list the "model" invents its own wording.
      if (!/billing, bug, account/.test(system)) return `This looks like a ${category === 'billing' ? 'payment' : 'general'} issue.`
      return /category name only/i.test(system) ? category : `Category: ${category}.`
    }
    if (/extract/i.test(system)) {
      const emails = [...new Set(ticket.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [])]
      const fields: Record<string, unknown> = {
        category,
        // Two addresses in one ticket: it lists both, which the schema rejects.
        customer_email: emails.length > 1 ? emails : (emails[0] ?? null),
        order_id: ticket.match(/\b[A-Z]{2,5}-\d{3,}\b/)?.[0] ?? null,
        summary: firstSentence(ticket),
      }
      // The "model" only fills priority when the prompt says which values exist.
      if (/priority \(low\|normal\|high\|urgent\)/.test(system)) fields.priority = priorityOf(ticket)
      // Tickets that mix several topics now and then get an extra field the schema forbids.
      const topics = RULES.filter(([, re]) => re.test(ticket)).length
      if (topics > 1 && chance('extra', ticket) < 0.3) fields.notes = 'unclear ticket, needs a human'
      const json = JSON.stringify(fields)
      return /only JSON/i.test(system) ? json : `Here are the fields:\n\`\`\`json\n${json}\n\`\`\``
    }
    if (/reply/i.test(system)) {
      const key = `${system}\u0000${ticket}`
      const sample = seen.get(key) ?? 0
      seen.set(key, sample + 1)
      return draft(system, ticket, sample % 3)
    }
    return 'I am a local test model.'
  }
}

/** One shared instance, for callers that start a single server. */
export const triageModel = createTriageModel()
