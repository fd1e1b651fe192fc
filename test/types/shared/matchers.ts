/**
 * Type tests shared by both Vitest majors (compiled by test/types/vitest4 and test/types/vitest5, never
 * run). `expectTypeOf` pins return types; `@ts-expect-error` pins what must not compile.
 */
import OpenAI from 'openai'
import { expect, expectTypeOf, inject, test } from 'vitest'
import { defineConfig } from 'vitest/config'
import { evalgate, wrapOpenAI, type ResolvedOptions } from 'evalgate'

const schema = { type: 'object', required: ['label'] }

test('synchronous matchers return void, also under .not and expect.soft', () => {
  expectTypeOf(expect('{"label":"a"}').toMatchSchema(schema)).toEqualTypeOf<void>()
  expectTypeOf(expect('{"label":"a"}').toMatchSchema(schema, { strict: true })).toEqualTypeOf<void>()
  expectTypeOf(expect('x').not.toMatchSchema(schema)).toEqualTypeOf<void>()
  expectTypeOf(expect.soft('x').toMatchSchema(true)).toEqualTypeOf<void>()
  expectTypeOf(expect([120, 340]).toStayUnderLatency({ p95: 500 })).toEqualTypeOf<void>()
  expectTypeOf(expect([120, 340]).not.toStayUnderLatency({ max: 100, metric: 'ttft' })).toEqualTypeOf<void>()
  expectTypeOf(expect('billing').toMatchLabel(['billing', 'account'])).toEqualTypeOf<void>()
  expectTypeOf(expect('I cannot help with that').toRefuse()).toEqualTypeOf<void>()
  expectTypeOf(expect({}).toCallTool('lookup', schema)).toEqualTypeOf<void>()
})

test('async matchers return a Promise to await', () => {
  expectTypeOf(expect(async () => 'x').toStayUnderLatency({ p95: 500, samples: 20, concurrency: 5 })).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect(() => Promise.resolve(1)).not.toStayUnderLatency({ p95: 500 })).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect(0.9).toMatchBaseline('accuracy', { tolerance: 0.05 })).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect('out').toPassRubric(['is polite', { criterion: 'cites the order id', critical: true }])).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect('out').toBeSimilarTo('expected text', { threshold: 0.7 })).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect('out').toRefuse({ judge: true })).toEqualTypeOf<Promise<void>>()
})

test('.resolves, .rejects and expect.poll make synchronous matchers awaitable', () => {
  expectTypeOf(expect(Promise.resolve('{}')).resolves.toMatchSchema(schema)).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect(Promise.resolve('{}')).resolves.not.toMatchSchema(schema)).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect(Promise.resolve('x')).resolves.toMatchLabel('x')).toEqualTypeOf<Promise<void>>()
  expectTypeOf(expect.poll(() => '{}').toMatchSchema(schema)).toEqualTypeOf<Promise<void>>()
})

test('wrong arguments do not compile', () => {
  // @ts-expect-error a schema is an object or a boolean
  expect('x').toMatchSchema('{"type":"object"}')
  // @ts-expect-error strict is a boolean
  expect('x').toMatchSchema(schema, { strict: 'yes' })
  // @ts-expect-error limits are numbers
  expect([1]).toStayUnderLatency({ p95: '500ms' })
  // @ts-expect-error unknown metric
  expect([1]).toStayUnderLatency({ p95: 500, metric: 'tpot' })
  // @ts-expect-error the metric name is required
  void expect(0.5).toMatchBaseline()
  // @ts-expect-error criteria are strings or { criterion }
  void expect('x').toPassRubric([{ text: 'polite' }])
  // @ts-expect-error no such matcher
  expect('x').toMatchSchemaa(schema)
})

test('asymmetric use, the test-context expect and built-in matchers keep working', ({ expect: local }) => {
  expectTypeOf(local('x').toMatchSchema(schema)).toEqualTypeOf<void>()
  expect({ reply: '{"label":"a"}' }).toEqual({ reply: expect.toMatchSchema(schema) })
  expect({ reply: '{}' }).toEqual(expect.objectContaining({ reply: expect.toMatchSchema(schema) }))
  expectTypeOf(expect(1).toBe(1)).toEqualTypeOf<void>()
  expectTypeOf(expect(Promise.resolve(1)).resolves.toBe(1)).toEqualTypeOf<Promise<void>>()
  expect.extend({ toBeEven: (n: number) => ({ pass: n % 2 === 0, message: () => `${n} is odd` }) })
})

test('plugin options reach workers typed, the plugin fits defineConfig, wrapOpenAI keeps the client type', () => {
  expectTypeOf(inject('evalgate:options')).toEqualTypeOf<ResolvedOptions>()
  defineConfig({ plugins: [evalgate({ schema: { strict: true } })] })
  // @ts-expect-error unknown option
  evalgate({ reporterr: {} })
  const client = wrapOpenAI(new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1' }))
  expectTypeOf(client).toEqualTypeOf<OpenAI>()
  const reply = client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
  expectTypeOf(reply).resolves.toHaveProperty('choices')
  void expect(reply).resolves.toStayUnderLatency({ max: 1000 })
})
