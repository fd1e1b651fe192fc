import { hash } from 'node:crypto'
import stringify from 'fast-json-stable-stringify'

/** JSON with keys sorted at every level: the one serialisation used for keys, hashes and files. */
export function stableStringify(value: unknown): string {
  return stringify(value)
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
  const text = typeof value === 'string' ? value : stringify(value)
  return hash('sha256', text, 'hex').slice(0, length)
}
