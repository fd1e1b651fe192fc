import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { removeEntries, removeOrphanTmp, scanCache, scanOrphanTmp, type ScannedEntry } from '../measure/cache/scan.js'
import { stablePretty } from '../util/stable.js'
import { expectPositionals, parseCommand, parseDuration, stringValue, UsageError, type OptionSpec, type ParsedValues } from './args.js'
import { formatBytes, type CliIO } from './io.js'

export const CACHE_HELP = `Usage: evalgate cache <stats|prune> [options]

Inspects and trims the record/replay cache folder (default .evalgate/cache).

Commands:
  stats      entries and bytes, by endpoint, model and kind
  prune      removes entries not used for a while (--older-than 30d) or all of them (--all)

Run \`evalgate cache <command> --help\` for its options.`

export const CACHE_STATS_HELP = `Usage: evalgate cache stats [--dir DIR] [--json]

Counts the entries of a cache folder (packs of test files and loose entry files) and their size, by
endpoint, model and kind.

Options:
  --dir DIR    cache folder (default .evalgate/cache)
  --json       print the figures as JSON
  -h, --help   show this help`

export const CACHE_PRUNE_HELP = `Usage: evalgate cache prune (--older-than AGE | --all) [--dir DIR] [--dry-run]

Removes cache entries. An entry's last use is its file's modification time: a run that replays from a
test file's pack touches the pack once, a replay of a loose entry file touches that file, so
--older-than removes what no run has used for AGE (e.g. 30d, 12h, 2w): whole packs, and loose files
(such as those left over from before packs). A pack is removed when its last entry is.

Options:
  --older-than AGE   remove entries not used for AGE (s, m, h, d or w)
  --all              remove every entry
  --dir DIR          cache folder (default .evalgate/cache)
  --dry-run          only say what would be removed
  -h, --help         show this help`

const DIR: OptionSpec = { dir: { type: 'string' } }

async function cacheDir(command: string, values: ParsedValues, io: CliIO): Promise<string> {
  const dir = resolve(io.cwd, stringValue(values, 'dir') ?? '.evalgate/cache')
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw new Error(`evalgate cache ${command}: no cache folder at ${dir} (set --dir)`)
  return dir
}

/** `evalgate cache <stats|prune>`. */
export async function cacheCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h') return (io.out(CACHE_HELP), 0)
  if (sub === undefined) return (io.err(CACHE_HELP), 2)
  if (sub === 'stats') return stats(rest, io)
  if (sub === 'prune') return prune(rest, io)
  throw new UsageError(`evalgate cache: unknown command ${JSON.stringify(sub)}; expected stats or prune (see \`evalgate cache --help\`)`)
}

interface Tally {
  entries: number
  bytes: number
}

function add(map: Record<string, Tally>, name: string, e: ScannedEntry): void {
  const t = (map[name] ??= { entries: 0, bytes: 0 })
  t.entries++
  t.bytes += e.bytes
}

async function stats(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('cache stats', argv, { ...DIR, json: { type: 'boolean' } })
  if (values.help) return (io.out(CACHE_STATS_HELP), 0)
  expectPositionals('cache stats', positionals, [])
  const dir = await cacheDir('stats', values, io)
  const entries = await scanCache(dir)
  const byEndpoint: Record<string, Tally> = {}
  const byModel: Record<string, Tally> = {}
  const byKind: Record<string, Tally> = {}
  for (const e of entries) {
    if (!e.entry) continue
    const model = (e.entry.request.body as { model?: unknown } | null)?.model
    add(byEndpoint, e.entry.request.endpoint, e)
    add(byModel, typeof model === 'string' ? model : '(none)', e)
    add(byKind, e.entry.kind, e)
  }
  const used = entries.map((e) => e.usedAt.getTime())
  const packs = new Set(entries.filter((e) => e.pack).map((e) => e.file)).size
  const figures = {
    dir,
    entries: entries.length,
    packs,
    looseFiles: entries.filter((e) => !e.pack).length,
    bytes: entries.reduce((s, e) => s + e.bytes, 0),
    unreadable: entries.filter((e) => e.problem !== undefined).length,
    orphanTmp: (await scanOrphanTmp(dir)).length,
    byEndpoint,
    byModel,
    byKind,
    ...(used.length > 0 ? { lastUsed: { oldest: new Date(Math.min(...used)).toISOString(), newest: new Date(Math.max(...used)).toISOString() } } : {}),
  }
  if (values.json) return (io.out(stablePretty(figures).trimEnd()), 0)
  io.out(`${dir}: ${figures.entries} entries, ${formatBytes(figures.bytes)}${figures.unreadable ? ` (${figures.unreadable} unreadable)` : ''}`)
  io.out(`files: ${packs} pack${packs === 1 ? '' : 's'}, ${figures.looseFiles} loose entry file${figures.looseFiles === 1 ? '' : 's'}`)
  if (figures.orphanTmp) io.out(`orphaned temp files: ${figures.orphanTmp} (left by killed runs; \`evalgate cache prune\` removes them)`)
  for (const [title, map] of [['by endpoint', byEndpoint], ['by model', byModel], ['by kind', byKind]] as const) {
    io.out(`${title}:`)
    for (const name of Object.keys(map).sort()) io.out(`  ${name}  ${map[name]!.entries} entries, ${formatBytes(map[name]!.bytes)}`)
  }
  if (figures.lastUsed) io.out(`last used: oldest ${figures.lastUsed.oldest}, newest ${figures.lastUsed.newest}`)
  for (const e of entries.filter((x) => x.problem !== undefined).slice(0, 10)) io.err(`warning: ${e.problem!.startsWith(e.file) ? e.problem : `${e.file}: ${e.problem}`}`)
  return 0
}

async function prune(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('cache prune', argv, { ...DIR, 'older-than': { type: 'string' }, all: { type: 'boolean' }, 'dry-run': { type: 'boolean' } })
  if (values.help) return (io.out(CACHE_PRUNE_HELP), 0)
  expectPositionals('cache prune', positionals, [])
  const age = stringValue(values, 'older-than')
  const all = values.all === true
  if ((age === undefined) === !all) throw new UsageError('evalgate cache prune: give exactly one of --older-than AGE or --all (see `evalgate cache prune --help`)')
  const ms = age === undefined ? 0 : parseDuration(age)
  if (ms === undefined) throw new UsageError(`evalgate cache prune: --older-than must be a duration like 30d, 12h, 90m, got ${JSON.stringify(age)}`)
  const dir = await cacheDir('prune', values, io)
  const entries = await scanCache(dir, { read: false })
  const cutoff = Date.now() - ms
  const doomed = all ? entries : entries.filter((e) => e.usedAt.getTime() < cutoff)
  const bytes = doomed.reduce((s, e) => s + e.bytes, 0)
  const why = all ? '' : ` not used for ${age}`
  const orphans = (await scanOrphanTmp(dir)).length
  const tmpNote = orphans ? ` and ${orphans} orphaned temp file${orphans === 1 ? '' : 's'}` : ''
  if (values['dry-run']) {
    io.out(`would remove ${doomed.length} of ${entries.length} entries (${formatBytes(bytes)})${why}${tmpNote}`)
    return 0
  }
  await removeEntries(dir, doomed)
  await removeOrphanTmp(dir)
  io.out(`removed ${doomed.length} of ${entries.length} entries (${formatBytes(bytes)})${why}${tmpNote}; ${entries.length - doomed.length} kept`)
  return 0
}
