import { isAbsolute, join, relative, sep } from 'node:path'
import { stableHash, stableStringify } from '../../util/stable.js'
import type { CacheEntry } from './types.js'

/**
 * A pack: the entries recorded by one test file, in one file `<dir>/packs/<test file path>.jsonl`. One entry
 * per line (stable JSON, keys sorted, so every line starts with its format and key), lines sorted by key:
 * diff-friendly, one changed recording = one changed line. A reader indexes the lines by key without
 * parsing them; a line is parsed only when its key is replayed.
 */

/** The folder of the packs inside a cache folder. */
export const PACKS_DIR = 'packs'
/** How a pack's name ends. */
export const PACK_EXT = '.jsonl'

/** The start of every entry line: stable JSON puts `format` then `key` first. */
const LINE_HEAD = /^\{"format":"(?:[^"\\]|\\.)*","key":"([0-9a-f]{64})",/

/** The lines of a pack by key, or why the pack cannot be used (names the file and line). */
export interface PackIndex {
  lines: Map<string, string>
  problem?: string
}

/** Indexes the text of a pack by key; a line that is not an entry makes the whole pack unusable. */
export function indexPack(text: string, file: string): PackIndex {
  const lines = new Map<string, string>()
  let start = 0
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end)
    start = end + 1
    if (line === '') continue
    const key = LINE_HEAD.exec(line)?.[1]
    if (key === undefined) {
      return { lines: new Map(), problem: `${file}:${n} is not a cache entry line (${JSON.stringify(line.slice(0, 40))}); fix or delete the pack` }
    }
    if (lines.has(key)) return { lines: new Map(), problem: `${file}:${n} repeats the key ${key}; fix or delete the pack` }
    lines.set(key, line)
  }
  return { lines }
}

/** The text of a pack: lines sorted by key, each ending in a newline. */
export function renderPack(lines: ReadonlyMap<string, string>): string {
  const keys = [...lines.keys()].sort()
  return keys.map((k) => `${lines.get(k)!}\n`).join('')
}

/** The line of an entry. */
export function entryLine(entry: CacheEntry): string {
  return stableStringify(entry)
}

/**
 * The pack of a test file: its path relative to the project root (`/` separated) under `<dir>/packs/`,
 * or, for a test file outside the root, a name made from its path's hash.
 */
export function packFileOf(dir: string, root: string, testFile: string): string {
  // Asked once per cached call with the same few arguments: the path work is done once per test file.
  const memoKey = `${dir}\0${root}\0${testFile}`
  let file = packFiles.get(memoKey)
  if (file === undefined) packFiles.set(memoKey, (file = packFileFor(dir, root, testFile)))
  return file
}

const packFiles = new Map<string, string>()

function packFileFor(dir: string, root: string, testFile: string): string {
  const rel = relative(root, testFile)
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  const name = inside ? rel.split(sep).join('/') : `_outside/${stableHash(testFile, 16)}`
  return join(dir, PACKS_DIR, ...`${name}${PACK_EXT}`.split('/'))
}
