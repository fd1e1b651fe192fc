import { mkdir, open } from 'node:fs/promises'
import { dirname } from 'node:path'
import { stableHash, stableStringify } from '../../util/stable.js'
import type { LogEntry } from '../types.js'

/** Options of {@link sampleForEval}. */
export interface SampleForEvalOptions {
  /** Fraction of entries to keep, in [0, 1] (default 0.01). */
  rate?: number
  /** JSONL file the selected entries are appended to (its folder is created). */
  file: string
  /** Changes which entries are selected, keeping the rate; default: no seed. */
  seed?: number | string
}

/**
 * The entry's position in [0, 1): its stableHash read as a fraction. Equal entries (whatever their
 * key order) get equal scores, so the decision to sample one is repeatable across processes.
 */
export function sampleScore(entry: LogEntry, seed?: number | string): number {
  const hash = stableHash(seed === undefined ? entry : { entry, seed })
  return parseInt(hash.slice(0, 13), 16) / 2 ** 52
}

/** True when `entry` falls in the sampled fraction `rate` (see {@link sampleScore}). */
export function shouldSample(entry: LogEntry, rate = 0.01, seed?: number | string): boolean {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`sampleForEval: rate must be between 0 and 1, got ${rate}`)
  return sampleScore(entry, seed) < rate
}

/**
 * For continuous sampling in production: decides deterministically (by hash) whether `entry` is in the
 * sampled `rate`, and if so appends it as one JSONL line to `file`. The line is written with a single
 * append-mode write, so concurrent writers (requests, processes) do not interleave their lines.
 * Resolves to whether the entry was selected.
 */
export async function sampleForEval(entry: LogEntry, options: SampleForEvalOptions): Promise<boolean> {
  if (!shouldSample(entry, options.rate ?? 0.01, options.seed)) return false
  const line = Buffer.from(stableStringify(entry) + '\n', 'utf8')
  await mkdir(dirname(options.file), { recursive: true })
  const handle = await open(options.file, 'a')
  try {
    let written = 0
    // One write of the whole line; the loop only matters for a short write, which regular files don't do.
    while (written < line.length) written += (await handle.write(line, written)).bytesWritten
  } finally {
    await handle.close()
  }
  return true
}
