/** Column alignment for terminal tables, by visible width (ANSI colour codes do not count). */
import { stripVTControlCharacters } from 'node:util'

const width = (s: string): number => stripVTControlCharacters(s).length

/**
 * Pads the cells of `rows` into aligned columns separated by two spaces. `right` lists the columns to
 * right-align (numbers). Trailing spaces are trimmed.
 */
export function alignColumns(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))))
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell))
        return right.has(i) ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd(),
  )
}
