/** Where a command writes and what it resolves paths against (the process, or a test double). */
export interface CliIO {
  /** Writes one line (a newline is added) to standard output. */
  out(line: string): void
  /** Writes one line to standard error. */
  err(line: string): void
  /** Directory relative paths are resolved against. */
  cwd: string
}

/** Bytes as `812 B`, `12.3 KB`, `4.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** `name count` pairs as `a 3, b 1` (sorted by name). */
export function formatCounts(counts: Record<string, number>): string {
  return Object.keys(counts)
    .sort()
    .map((k) => `${k} ${counts[k]}`)
    .join(', ')
}
