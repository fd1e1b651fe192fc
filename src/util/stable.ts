import { hash } from 'node:crypto'
import stringify from 'fast-json-stable-stringify'

/**
 * True for data with no object anywhere (strings, numbers, booleans, null, arrays of them, nested):
 * JSON.stringify writes it exactly as the sorted-keys serialiser does (there are no keys to sort).
 */
function keyless(value: unknown, depth = 0): boolean {
  if (value === null) return true
  const t = typeof value
  if (t === 'string' || t === 'number' || t === 'boolean') return true
  return Array.isArray(value) && depth < 32 && value.every((v) => keyless(v, depth + 1))
}

/**
 * JSON with keys sorted at every level: the one serialisation used for keys, hashes and files. Key-less
 * data (a case's list of output hashes, a call's [content, tool_calls] pairs without tool calls, hashed for
 * every case) takes JSON.stringify: the same text, without the generic serialiser.
 */
export function stableStringify(value: unknown): string {
  return keyless(value) ? JSON.stringify(value) : stringify(value)
}

/**
 * Pretty, diff-friendly JSON with sorted keys (two-space indent, trailing newline).
 * Used for every file evalgate writes that a person reviews in a pull request.
 */
export function stablePretty(value: unknown): string {
  return JSON.stringify(JSON.parse(stringify(value)), null, 2) + '\n'
}

/**
 * Hex SHA-256 of the stable serialisation of `value` (strings are hashed as they are). One-shot
 * `crypto.hash` (Node 20.12+): no Hash object per call, which matters at a few hashes per test case.
 */
export function stableHash(value: unknown, length = 64): string {
  const text = typeof value === 'string' ? value : stableStringify(value)
  return hash('sha256', text, 'hex').slice(0, length)
}
