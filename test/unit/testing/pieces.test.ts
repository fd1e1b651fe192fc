import { afterEach, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import type { ModelServer, ModelServerOptions } from '../../../src/testing/index.js'
import { setup } from './helpers.js'

let server: ModelServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function start(options: ModelServerOptions): Promise<OpenAI> {
  const s = await setup(options)
  server = s.server
  return s.client
}

async function deltas(client: OpenAI, extra: Partial<OpenAI.Chat.ChatCompletionCreateParamsStreaming> = {}): Promise<string[]> {
  const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, ...extra })
  const out: string[] = []
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta?.content
    if (content) out.push(content)
  }
  return out
}

describe('reply pieces: a reply may say how its stream is cut', () => {
  it('streams the given pieces, in order, instead of word by word', async () => {
    const client = await start({ replies: [{ reply: { content: 'Hello there. How can I help?', pieces: ['Hello there. ', 'How can I help?'] } }] })
    expect(await deltas(client)).toEqual(['Hello there. ', 'How can I help?'])
  })
  it('without pieces the stream stays word by word; non-streamed replies are unaffected', async () => {
    const client = await start({ replies: [{ reply: { content: 'one two three', pieces: ['one two three'] } }] })
    const whole = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    expect(whole.choices[0]?.message.content).toBe('one two three')
    server!.setReplies([{ reply: 'one two three' }])
    expect(await deltas(client)).toEqual(['one ', 'two ', 'three'])
  })
  it('max_tokens cutting the text falls back to word pieces of what is left', async () => {
    const client = await start({ replies: [{ reply: { content: 'one two three four five six', pieces: ['one two three four five six'] } }] })
    const got = await deltas(client, { max_tokens: 2 })
    expect(got.length).toBeGreaterThan(0)
    expect(got.join('').length).toBeLessThan('one two three four five six'.length)
  })
  it('pieces that do not join to the content are a server error, not a silently different stream', async () => {
    const client = await start({ replies: [{ reply: { content: 'abc', pieces: ['ab', 'x'] } }] })
    await expect(deltas(client)).rejects.toMatchObject({ status: 500, message: expect.stringContaining('reply "pieces" must join to its "content"') })
  })
})
