/** Escapes one JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** Reverses {@link escapeSegment}. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Splits a pointer such as `/customer/email` into its parent (`/customer`, `''` for root) and last key. */
export function splitPointer(pointer: string): { parent: string; key: string } {
  const cut = pointer.lastIndexOf('/')
  return { parent: pointer.slice(0, Math.max(0, cut)), key: unescapeSegment(pointer.slice(cut + 1)) }
}

/** How a pointer is shown to people: `(root)` for the empty pointer. */
export function showPointer(pointer: string): string {
  return pointer === '' ? '(root)' : pointer
}
