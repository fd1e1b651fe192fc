import type OpenAI from 'openai'
import { CATEGORIES, PROMPTS, type Category } from './prompts.js'

export interface TriageFields {
  category: Category
  priority: 'low' | 'normal' | 'high' | 'urgent'
  customer_email: string | null
  order_id: string | null
  summary: string
}

/** The application under test: a support-ticket triage service built on any OpenAI-compatible model. */
export function createTriageApp(client: OpenAI, model: string, settings: { temperature?: number } = {}) {
  async function complete(system: string, ticket: string, options: { json?: boolean } = {}) {
    const response = await client.chat.completions.create({
      model,
      temperature: settings.temperature ?? 0,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: ticket },
      ],
      ...(options.json ? { response_format: { type: 'json_object' as const } } : {}),
    })
    return response
  }

  return {
    /** One category label for the ticket. */
    async classify(ticket: string) {
      const response = await complete(PROMPTS.classify, ticket)
      const text = (response.choices[0]?.message.content ?? '').trim()
      const label = CATEGORIES.find((c) => text.toLowerCase().includes(c)) ?? 'other'
      return { label, raw: text, response }
    },
    /** The model's raw JSON text (the eval checks it against the schema). */
    async extract(ticket: string) {
      const response = await complete(PROMPTS.extract, ticket, { json: true })
      return { text: response.choices[0]?.message.content ?? '', response }
    },
    /** A streamed first reply to the customer. */
    async draftReply(ticket: string) {
      const stream = await client.chat.completions.create({
        model,
        temperature: 0.3,
        stream: true,
        messages: [
          { role: 'system', content: PROMPTS.reply },
          { role: 'user', content: ticket },
        ],
      })
      let text = ''
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
      return { text, stream }
    },
  }
}

export type TriageApp = ReturnType<typeof createTriageApp>
