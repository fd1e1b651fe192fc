import { describe, expect, it } from 'vitest'
import { checkSchema, requiredCoverage, SchemaError } from '../../../src/schema/index.js'

const order = {
  type: 'object',
  required: ['customer', 'items'],
  properties: {
    customer: {
      type: 'object',
      required: ['email', 'name'],
      properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } },
    },
    items: { type: 'array', items: { $ref: '#/definitions/item' } },
  },
  definitions: {
    item: { type: 'object', required: ['sku', 'price'], properties: { price: { type: 'number' } } },
  },
}

const good = { customer: { email: 'ada@example.com', name: 'Ada' }, items: [{ sku: 'A1', price: 3 }] }

describe('checkSchema: input handling', () => {
  it('passes a valid reply and reports where the JSON came from', () => {
    const text = `Here you go:\n\`\`\`json\n${JSON.stringify(good)}\n\`\`\``
    const r = checkSchema(text, order)
    expect(r).toMatchObject({ pass: true, parsed: true, value: good, source: 'fence', errors: [], missingRequired: [] })
    expect(r.partialScore).toBe(1)
    expect(text.slice(...r.span!)).toBe(JSON.stringify(good))
  })

  it('validates a non-string value directly', () => {
    expect(checkSchema(good, order)).toMatchObject({ pass: true, parsed: true, source: 'value' })
    const r = checkSchema({ customer: { email: 'x@y.io', name: 'X' }, items: [{ sku: 'B', price: '3' }] }, order)
    expect(r.pass).toBe(false)
    expect(r.errors).toEqual([
      {
        path: '/items/0/price',
        message: 'must be number',
        keyword: 'type',
        params: { type: 'number' },
        schemaPath: '#/definitions/item/properties/price/type',
      },
    ])
    expect(checkSchema(12, { type: 'integer' }).pass).toBe(true)
    expect(checkSchema(null, { type: 'object' }).pass).toBe(false)
  })

  it('with extract: false validates a string as a string', () => {
    expect(checkSchema('ada@example.com', { type: 'string', format: 'email' }, { extract: false }).pass).toBe(true)
    const r = checkSchema('{"a": 1}', { type: 'object' }, { extract: false })
    expect(r).toMatchObject({ pass: false, parsed: true, value: '{"a": 1}', source: 'value' })
  })

  it('reports a reply without JSON as not parsed, with a reason and score 0', () => {
    const r = checkSchema('I cannot do that.', order)
    expect(r).toEqual({
      pass: false,
      parsed: false,
      errors: [],
      missingRequired: [],
      required: { present: 0, total: 0 },
      partialScore: 0,
      reason: 'no_json_found',
      reasonMessage: 'No JSON object or array was found in the output.',
      schemaWarnings: [],
    })
  })

  it('strict mode rejects fenced and embedded JSON', () => {
    expect(checkSchema('```json\n{}\n```', { type: 'object' }, { strict: true })).toMatchObject({ pass: false, reason: 'not_json' })
    expect(checkSchema('Result: {}', { type: 'object' }, { strict: true })).toMatchObject({ pass: false, reason: 'not_json' })
    expect(checkSchema(' {} ', { type: 'object' }, { strict: true }).pass).toBe(true)
  })

  it('throws SchemaError for an invalid schema even when the output is not JSON', () => {
    expect(() => checkSchema('no json here', { type: 'wat' })).toThrow(SchemaError)
  })

  it('an unknown format is a schema error unless allowed (issue 10 row 6)', () => {
    expect(() => checkSchema('x', { type: 'string', format: 'phone' }, { extract: false })).toThrow('unknown format "phone" at #')
    expect(checkSchema('x', { type: 'string', format: 'phone' }, { extract: false, allowFormats: ['phone'] }).pass).toBe(true)
  })
})

describe('checkSchema: missingRequired', () => {
  it('names nested missing keys as JSON pointers', () => {
    const r = checkSchema('{"customer": {"name": "Ada"}, "items": [{"sku": "A1", "price": 1}, {"price": 2}]}', order)
    expect(r.missingRequired).toEqual(['/customer/email', '/items/1/sku'])
  })

  it('names missing top-level keys and escapes / and ~', () => {
    const r = checkSchema({}, { type: 'object', required: ['a/b', 'c~d', 'e'] })
    expect(r.missingRequired).toEqual(['/a~1b', '/c~0d', '/e'])
  })

  it('leaves out anyOf/oneOf alternatives but keeps if/then requirements', () => {
    const schema = {
      type: 'object',
      required: ['c'],
      anyOf: [{ required: ['a'] }, { required: ['b'] }],
      if: { properties: { kind: { const: 'x' } }, required: ['kind'] },
      then: { required: ['x'] },
    }
    expect(checkSchema({ kind: 'x' }, schema).missingRequired.sort()).toEqual(['/c', '/x'])
  })

  it('does not mistake a property named anyOf for a branch', () => {
    const schema = { type: 'object', properties: { anyOf: { type: 'object', required: ['z'] } } }
    expect(checkSchema({ anyOf: {} }, schema).missingRequired).toEqual(['/anyOf/z'])
  })
})

describe('partialScore', () => {
  // Counted: root [customer, items] + customer [email, name] + each item [sku, price].
  it('counts required keys of every object node that exists, array elements included', () => {
    const value = { customer: { name: 'Ada' }, items: [{ sku: 'A', price: 1 }, { sku: 'B' }] }
    const r = checkSchema(value, order)
    expect(r.required).toEqual({ present: 6, total: 8 }) // root 2/2, customer 1/2, items 2/2 + 1/2
    expect(r.partialScore).toBe(0.375) // invalid: half the required-key share
  })

  it('does not descend into missing objects (the missing key counts once, at its parent)', () => {
    expect(checkSchema({ items: [] }, order)).toMatchObject({ required: { present: 1, total: 2 }, partialScore: 0.25 })
  })

  it('does not count required keys under a value of the wrong type', () => {
    const r = checkSchema({ customer: 'Ada', items: [] }, order)
    expect(r).toMatchObject({ pass: false, required: { present: 2, total: 2 }, partialScore: 0.5 })
  })

  it('invalid JSON never scores 1, even with every required key present; valid = 1; no JSON = 0', () => {
    const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'number' } } }
    expect(checkSchema({ a: 'x', b: 2 }, schema).partialScore).toBe(1)
    const invalid = checkSchema({ a: 'x', b: 'two' }, schema)
    expect(invalid).toMatchObject({ pass: false, required: { present: 2, total: 2 } })
    expect(invalid.partialScore).toBeLessThan(1)
    expect(invalid.partialScore).toBe(0.5)
    expect(checkSchema('no json here', schema).partialScore).toBe(0)
  })

  it('a valid value reports its full coverage (worked out when read) and survives serialisation', () => {
    const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'number' } } }
    const r = checkSchema({ a: 'x', b: 2, c: true }, schema)
    expect(r.pass).toBe(true)
    expect(r.required).toEqual({ present: 2, total: 2 })
    expect(JSON.parse(JSON.stringify(r)).required).toEqual({ present: 2, total: 2 })
    expect({ ...r }.required).toEqual({ present: 2, total: 2 })
  })

  it('a root that is not an object scores 0 (no keys counted, invalid)', () => {
    expect(checkSchema([1, 2], order)).toMatchObject({ required: { present: 0, total: 0 }, partialScore: 0 })
  })

  it('with no required keys: 1 when valid, 0 when invalid', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } } }
    expect(checkSchema({ n: 1 }, schema).partialScore).toBe(1)
    expect(checkSchema({ n: 'one' }, schema).partialScore).toBe(0)
  })

  it('follows allOf and local $refs, counting each key once per node', () => {
    const schema = {
      required: ['id'],
      allOf: [{ $ref: '#/$defs/base' }, { required: ['id'] }],
      $defs: { base: { required: ['name', 'id'] } },
    }
    expect(requiredCoverage(schema, { id: 1 })).toEqual({ present: 1, total: 2 })
  })

  it('ignores anyOf/oneOf branches', () => {
    const schema = { required: ['c'], oneOf: [{ required: ['a'] }, { required: ['b'] }] }
    expect(requiredCoverage(schema, { a: 1, c: 1 })).toEqual({ present: 1, total: 1 })
  })

  it('walks tuples: prefixItems, tuple items and additionalItems', () => {
    const pair = { prefixItems: [{ required: ['a'] }, { required: ['b'] }], items: { required: ['z'] } }
    expect(requiredCoverage(pair, [{ a: 1 }, {}, { z: 1 }, {}])).toEqual({ present: 2, total: 4 })
    const tuple = { items: [{ required: ['a'] }], additionalItems: { required: ['y'] } }
    expect(requiredCoverage(tuple, [{}, { y: 1 }])).toEqual({ present: 1, total: 2 })
  })

  it('terminates on recursive schemas', () => {
    const tree = { required: ['v'], properties: { kids: { items: { $ref: '#' } } } }
    expect(requiredCoverage(tree, { v: 1, kids: [{ v: 2, kids: [{}] }, {}] })).toEqual({ present: 2, total: 4 })
    expect(requiredCoverage({ $ref: '#' }, {})).toEqual({ present: 0, total: 0 })
  })

  it('is 0 when the reply is not JSON', () => {
    expect(checkSchema('nope', order).partialScore).toBe(0)
  })
})
