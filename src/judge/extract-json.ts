import { scanBalanced } from '../schema/extract.js'

/** A JSON object found in a reply, with where it starts and ends (exclusive). */
export interface FoundObject {
  start: number
  end: number
  value: Record<string, unknown>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Index of the `}` that closes the `{` at `start` (string- and escape-aware), or -1. */
function matchingBrace(text: string, start: number): number {
  const scan = scanBalanced(text, start)
  return scan.kind === 'closed' ? scan.end - 1 : -1
}

/**
 * Every JSON object in `text`, in order: the whole text when it is one object; otherwise each balanced
 * `{…}` span that JSON.parse accepts, scanning left to right and skipping past each object found (so
 * objects nested in an accepted one are not listed separately). Prose, code fences and other wrappers
 * around the objects are ignored. Nothing is repaired: invalid JSON (comments, trailing commas, single
 * quotes) is not an object.
 */
export function findJsonObjects(text: string): FoundObject[] {
  const whole = tryParse(text.trim())
  if (isObject(whole)) return [{ start: 0, end: text.length, value: whole }]
  const found: FoundObject[] = []
  let i = text.indexOf('{')
  while (i !== -1) {
    const end = matchingBrace(text, i)
    const value = end === -1 ? undefined : tryParse(text.slice(i, end + 1))
    if (isObject(value)) {
      found.push({ start: i, end: end + 1, value })
      i = text.indexOf('{', end + 1)
    } else {
      i = text.indexOf('{', i + 1)
    }
  }
  return found
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
