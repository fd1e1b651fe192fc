import { describe, expect, it } from 'vitest'
import { checkSchema, excerpt, formatSchemaFailure } from '../../../src/schema/index.js'

describe('excerpt', () => {
  it('shows newlines, carriage returns and tabs, and marks a cut', () => {
    expect(excerpt('a\nb\r\n\tc')).toBe('a\\nb\\r\\n\\tc')
    expect(excerpt('abcdef', 3)).toBe('abc…')
    expect(excerpt('abc', 3)).toBe('abc')
    expect(excerpt('x'.repeat(250))).toBe('x'.repeat(200) + '…')
  })

  it('does not split a surrogate pair', () => {
    expect(excerpt('😀😀😀', 2)).toBe('😀😀…')
  })
})

describe('formatSchemaFailure', () => {
  const schema = {
    type: 'object',
    required: ['customer', 'status'],
    additionalProperties: false,
    properties: {
      customer: { type: 'object', required: ['email', 'name'], properties: { email: { type: 'string', format: 'email' } } },
      status: { enum: ['open', 'closed'] },
      total: { type: 'number' },
    },
  }

  it('explains a reply that is not JSON, with an excerpt of it', () => {
    const head = 'Sorry!\nI could not produce the order. '
    const text = head + 'x'.repeat(300)
    const message = formatSchemaFailure(checkSchema(text, schema), text)
    const lines = message.split('\n')
    expect(lines[0]).toBe('The output is not JSON (no_json_found).')
    expect(lines[1]).toBe('No JSON object or array was found in the output.')
    expect(lines[2]).toBe(`Output: Sorry!\\nI could not produce the order. ${'x'.repeat(200 - head.length)}…`)
    expect(lines).toHaveLength(3)
  })

  it('explains a broken fence and shows (empty) for empty output', () => {
    const text = '```json\n{"customer": }\n```'
    expect(formatSchemaFailure(checkSchema(text, schema), text)).toContain(
      'The ```json block at line 1 is not valid JSON: Unexpected token',
    )
    expect(formatSchemaFailure(checkSchema('', schema), '')).toBe(
      'The output is not JSON (empty).\nThe output is empty (no JSON to check).\nOutput: (empty)',
    )
  })

  it('lists failing paths with messages, missing keys by name and the coverage', () => {
    const text = 'Order:\n```json\n{"customer": {"email": "nope"}, "status": "lost", "total": "12", "note": 1}\n```'
    const message = formatSchemaFailure(checkSchema(text, schema), text)
    expect(message).toBe(
      [
        'The output does not match the schema (5 errors):',
        '  (root): must NOT have additional properties: "note"',
        "  /customer: must have required property 'name'",
        '  /customer/email: must match format "email" (got "nope")',
        '  /status: must be equal to one of the allowed values: "open", "closed" (got "lost")',
        '  /total: must be number (got "12")',
        'Missing required keys:',
        '  missing required key "name" at /customer',
        'Required keys present: 3/4 (partial score 0.38)',
        'The JSON was taken from a fenced code block in the output.',
        'Value: {"customer":{"email":"nope"},"status":"lost","total":"12","note":1}',
      ].join('\n'),
    )
  })

  it('names a missing top-level key at (root) and a wrong-typed container', () => {
    const message = formatSchemaFailure(checkSchema({ customer: [] }, schema))
    expect(message).toContain('missing required key "status" at (root)')
    expect(message).toContain('/customer: must be object (got an array)')
  })

  it('limits the list to 10 errors, then "… and N more"', () => {
    const many = { type: 'array', items: { type: 'string' } }
    const message = formatSchemaFailure(checkSchema(Array.from({ length: 13 }, (_, i) => i), many))
    expect(message.split('\n').filter((l) => l.includes('must be string'))).toHaveLength(10)
    expect(message).toContain('  … and 3 more')
    expect(message).toContain('/0: must be string (got 0)')
  })

  it('unescapes pointer segments in missing-key names', () => {
    const message = formatSchemaFailure(checkSchema({}, { type: 'object', required: ['a/b'] }))
    expect(message).toContain('missing required key "a/b" at (root)')
  })

  it('says so when the result passes', () => {
    expect(formatSchemaFailure(checkSchema({ customer: { email: 'a@b.co', name: 'A' }, status: 'open' }, schema))).toBe(
      'The output matches the schema.',
    )
  })
})
