import { beforeEach, describe, expect, it } from 'vitest'
import { clearSchemaCache, compileSchema, detectDraft, schemaCacheSize, SchemaError } from '../../../src/schema/index.js'

beforeEach(() => clearSchemaCache())

function schemaError(fn: () => unknown): SchemaError {
  try {
    fn()
  } catch (error) {
    if (error instanceof SchemaError) return error
    throw error
  }
  throw new Error('expected a SchemaError')
}

describe('compileSchema: drafts', () => {
  it('defaults to draft-07 and accepts its $schema spellings', () => {
    expect(detectDraft({ type: 'object' })).toBe('draft-07')
    expect(detectDraft(true)).toBe('draft-07')
    expect(detectDraft({ $schema: 'http://json-schema.org/draft-07/schema#' })).toBe('draft-07')
    const https = compileSchema({ $schema: 'https://json-schema.org/draft-07/schema', type: 'integer' })
    expect(https.draft).toBe('draft-07')
    expect(https.validate(3).valid).toBe(true)
  })

  it('draft-07: tuple items and additionalItems', () => {
    const c = compileSchema({ type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false })
    expect(c.validate(['a', 1]).valid).toBe(true)
    expect(c.validate(['a', 1, 2]).valid).toBe(false)
  })

  it('2020-12: prefixItems', () => {
    const c = compileSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: false,
    })
    expect(c.draft).toBe('2020-12')
    expect(c.validate(['a', 1]).valid).toBe(true)
    const { valid, errors } = c.validate(['a', 'b', 3])
    expect(valid).toBe(false)
    expect(errors.map((e) => [e.path, e.keyword])).toEqual([['/1', 'type'], ['', 'items']])
  })

  it('2019-09: dependentRequired', () => {
    const c = compileSchema({ $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { a: ['b'] } })
    expect(c.draft).toBe('2019-09')
    expect(c.validate({ a: 1 }).errors[0]).toMatchObject({ keyword: 'dependentRequired', params: { missingProperty: 'b' } })
  })

  it('rejects other drafts with a SchemaError naming the supported ones', () => {
    const e = schemaError(() => compileSchema({ $schema: 'http://json-schema.org/draft-04/schema#' }))
    expect(e.message).toContain('Unsupported $schema "http://json-schema.org/draft-04/schema#"')
    expect(e.message).toContain('2020-12')
  })
})

describe('compileSchema: formats and keywords', () => {
  const schema = {
    type: 'object',
    properties: { email: { type: 'string', format: 'email' }, at: { type: 'string', format: 'date-time' } },
  }

  it('validates email and date-time formats', () => {
    const c = compileSchema(schema)
    expect(c.validate({ email: 'ada@example.com', at: '2025-01-31T12:00:00Z' }).valid).toBe(true)
    const { errors } = c.validate({ email: 'ada at example', at: 'yesterday' })
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['/email', 'must match format "email"'],
      ['/at', 'must match format "date-time"'],
    ])
  })

  it('reports all errors, not just the first', () => {
    const c = compileSchema({ type: 'object', required: ['a', 'b', 'c'] })
    expect(c.validate({}).errors).toHaveLength(3)
  })

  it('a misspelt keyword or an unknown format is a schema error naming it and its path (issue 10 row 6)', () => {
    const typo = { type: 'object', properties: { a: { type: 'object', requird: ['b'] } } }
    expect(() => compileSchema(typo)).toThrow(SchemaError)
    expect(() => compileSchema(typo)).toThrow('unknown keyword "requird" at #/properties/a')
    expect(() => compileSchema({ type: 'object', properties: { p: { type: 'string', format: 'phone' } } })).toThrow('unknown format "phone" at #/properties/p')
    // A property merely named like an unknown keyword is not a use of it.
    expect(() => compileSchema({ type: 'object', properties: { requird: { type: 'string' } }, required: ['requird'] })).not.toThrow()
  })

  it('custom keywords and formats are allowed by name', () => {
    const schema = { type: 'string', examples: ['x'], 'x-owner': 'team', nullable: true, format: 'phone' }
    expect(() => compileSchema(schema)).toThrow('unknown keyword "x-owner" at #')
    const c = compileSchema(schema, { allowKeywords: ['x-owner'], allowFormats: ['phone'] })
    expect(c.validate('anything').valid).toBe(true)
  })

  it('compiles boolean schemas', () => {
    expect(compileSchema(true).validate({ any: 1 }).valid).toBe(true)
    expect(compileSchema(false).validate(1).errors[0]?.keyword).toBe('false schema')
  })
})

describe('compileSchema: cache', () => {
  it('returns the same compiled instance for a schema with reordered keys', () => {
    const a = compileSchema({ type: 'object', required: ['x'], properties: { x: { type: 'number', minimum: 0 } } })
    const b = compileSchema({ properties: { x: { minimum: 0, type: 'number' } }, required: ['x'], type: 'object' })
    expect(b).toBe(a)
    expect(schemaCacheSize()).toBe(1)
    expect(compileSchema({ type: 'object', required: ['y'] })).not.toBe(a)
    expect(schemaCacheSize()).toBe(2)
  })

  it('a schema object changed in place after its first use gets the validator of its new content', () => {
    const schema: { type: string; required: string[]; properties: Record<string, unknown> } = { type: 'object', required: ['x'], properties: {} }
    const first = compileSchema(schema)
    expect(compileSchema(schema)).toBe(first)
    expect(first.validate({ x: 1 }).valid).toBe(true)
    schema.required = ['y']
    const second = compileSchema(schema)
    expect(second).not.toBe(first)
    expect(second.key).not.toBe(first.key)
    expect(second.validate({ x: 1 }).valid).toBe(false)
    expect(second.validate({ y: 1 }).valid).toBe(true)
    // The same content as a fresh object (any key order) is the same cached validator.
    expect(compileSchema({ properties: {}, required: ['y'], type: 'object' })).toBe(second)
  })

  it('is stateless between validations', () => {
    const c = compileSchema({ type: 'number' })
    expect(c.validate('x').valid).toBe(false)
    expect(c.validate(1)).toEqual({ valid: true, errors: [] })
  })
})

describe('compileSchema: $id', () => {
  const tree = {
    $id: 'https://example.com/tree.json',
    type: 'object',
    properties: { kids: { type: 'array', items: { $ref: 'https://example.com/tree.json' } } },
  }

  it('compiles the same $id twice (cache cleared, and a changed schema)', () => {
    const first = compileSchema(tree)
    clearSchemaCache()
    const again = compileSchema(tree)
    expect(again).not.toBe(first)
    const changed = compileSchema({ ...tree, required: ['kids'] })
    expect(changed.validate({}).valid).toBe(false)
    expect(again.validate({}).valid).toBe(true)
  })

  it('resolves a self-reference by $id', () => {
    const { errors } = compileSchema(tree).validate({ kids: [{ kids: [{ kids: 3 }] }] })
    expect(errors.map((e) => e.path)).toEqual(['/kids/0/kids/0/kids'])
  })

  it('keeps nested $ids of different schemas apart', () => {
    const item = (type: string) => ({ definitions: { a: { $id: 'https://example.com/item', type } }, items: { $ref: 'https://example.com/item' } })
    expect(compileSchema(item('string')).validate([1]).valid).toBe(false)
    expect(compileSchema(item('number')).validate([1]).valid).toBe(true)
  })
})

describe('compileSchema: invalid schemas throw SchemaError', () => {
  it('explains a meta-schema violation', () => {
    const e = schemaError(() => compileSchema({ type: 'object', properties: { a: { type: 'strng' } } }))
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('SchemaError')
    expect(e.message).toMatch(/^Invalid JSON Schema \(fails the draft-07 meta-schema\): /)
    expect(e.message).toContain('/properties/a/type: must be equal to one of the allowed values')
  })

  it('explains an unresolvable $ref', () => {
    const e = schemaError(() => compileSchema({ $ref: '#/definitions/missing' }))
    expect(e.message).toBe("Invalid JSON Schema: can't resolve reference #/definitions/missing from id #")
    expect(e.cause).toBeInstanceOf(Error)
  })

  it('rejects non-schemas, cyclic objects and 2020-12 tuple items', () => {
    expect(schemaError(() => compileSchema([] as unknown as object)).message).toContain('got an array')
    const cyclic: Record<string, unknown> = { type: 'object' }
    cyclic.self = cyclic
    expect(schemaError(() => compileSchema(cyclic)).message).toContain('cannot be serialised')
    const e = schemaError(() =>
      compileSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', items: [{ type: 'string' }] }),
    )
    expect(e.message).toBe('Invalid JSON Schema (fails the 2020-12 meta-schema): /items: must be object,boolean')
  })

  it('does not cache failures', () => {
    schemaError(() => compileSchema({ type: 'nope' }))
    expect(schemaCacheSize()).toBe(0)
  })
})
