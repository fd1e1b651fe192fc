/**
 * `evalgate pairwise export|import`: blind human pairwise review of two candidates' outputs, from the
 * comparison report (`compare.json`). See src/compare/pairwise.ts for the rules.
 */
import { readFile, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { comparePairwise } from '../matchers/comparePairwise.js'
import { writeFileAtomic } from '../util/fs.js'
import { agreement, assertBlind, buildPairwise, pairwiseCsv, pairwiseHtml, winRates, type HumanRating, type PairwiseKey } from '../compare/pairwise.js'
import type { CompareReport } from '../compare/report.js'
import { expectPositionals, parseCommand, seedValue, stringValue, UsageError } from './args.js'
import type { CliIO } from './io.js'

export const PAIRWISE_HELP = `Usage:
  evalgate pairwise export [--report <compare.json>] [--out <prefix>] [--seed <n>] [--criteria <text>]
  evalgate pairwise import <ratings.csv> --key <key.json> [--rows <export.csv>] [--judge-base-url <url> --judge-model <id>]

export  writes <prefix>.csv and <prefix>.html (rows of input, criteria and outputs A/B in a seeded random
        order, no candidate or model name anywhere: checked before writing) and <prefix>.key.json (which
        candidate is A and B per row; keep it away from the reviewers). Defaults: --report
        .evalgate/compare.json, --out .evalgate/pairwise, --seed 0.
import  reads the ratings (column "rating": A, B or tie; the export CSV filled in, or the HTML page's
        download), prints win rates with 95% Wilson CIs per candidate, and with --judge-* the agreement
        between the humans and the LLM judge (comparePairwise on the same pairs; the API key is read from
        EVALGATE_JUDGE_API_KEY). Exit 1 on a missing file or a bad rating.`

const EXPORT_OPTIONS = { report: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, criteria: { type: 'string' } } as const
const IMPORT_OPTIONS = { key: { type: 'string' }, rows: { type: 'string' }, 'judge-base-url': { type: 'string' }, 'judge-model': { type: 'string' } } as const

export async function pairwiseCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') return (io.out(PAIRWISE_HELP), sub === undefined ? 2 : 0)
  if (sub === 'export') return exportCommand(rest, io)
  if (sub === 'import') return importCommand(rest, io)
  throw new UsageError(`evalgate pairwise: unknown subcommand ${JSON.stringify(sub)}; expected export or import (see \`evalgate pairwise --help\`)`)
}

async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new Error(`evalgate pairwise: cannot read the ${what} ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text) as T
  } catch (error) {
    throw new Error(`evalgate pairwise: the ${what} ${path} is not valid JSON: ${(error as Error).message}`)
  }
}

async function exportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('pairwise export', argv, EXPORT_OPTIONS)
  if (values['help']) return (io.out(PAIRWISE_HELP), 0)
  expectPositionals('pairwise export', positionals, [])
  const reportPath = resolve(io.cwd, stringValue(values, 'report') ?? '.evalgate/compare.json')
  const report = await readJson<CompareReport>(reportPath, 'comparison report')
  if (report?.version !== 1 || !Array.isArray(report.cases) || !Array.isArray(report.candidates)) throw new Error(`evalgate pairwise: ${reportPath} is not an evalgate comparison report (version 1)`)
  const seed = values['seed'] === undefined ? 0 : seedValue(values)
  const criteria = stringValue(values, 'criteria') ?? 'Which output answers the input better (correct, complete, follows the instructions)?'
  const models = Object.fromEntries(report.candidates.map((c) => [c.name, c.model]))
  const { rows, key } = buildPairwise(report, { seed, criteria, models })
  if (!rows.length) throw new Error(`evalgate pairwise: ${reportPath} has no case with kept outputs of both the reference and another candidate (keep them with keepOutput())`)
  const prefix = resolve(io.cwd, stringValue(values, 'out') ?? '.evalgate/pairwise')
  const csv = pairwiseCsv(rows)
  const html = pairwiseHtml(rows)
  assertBlind({ [`${prefix}.csv`]: csv, [`${prefix}.html`]: html }, [...Object.keys(models), ...Object.values(models)])
  await mkdir(dirname(prefix), { recursive: true })
  await writeFileAtomic(`${prefix}.csv`, csv)
  await writeFileAtomic(`${prefix}.html`, html)
  await writeFileAtomic(`${prefix}.key.json`, `${JSON.stringify(key, null, 2)}\n`)
  io.out(`evalgate pairwise: ${rows.length} rows written to ${prefix}.csv and ${prefix}.html (seed ${seed}); the key is in ${prefix}.key.json`)
  return 0
}

function readCsv(text: string, path: string): Array<Record<string, string>> {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>
  } catch (error) {
    throw new Error(`evalgate pairwise: ${path} is not valid CSV: ${(error as Error).message}`)
  }
}

async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('pairwise import', argv, IMPORT_OPTIONS)
  if (values['help']) return (io.out(PAIRWISE_HELP), 0)
  const [ratingsArg] = expectPositionals('pairwise import', positionals, ['ratings'])
  const keyArg = stringValue(values, 'key')
  if (!keyArg) throw new UsageError('evalgate pairwise import: --key <key.json> is required (the key written by `evalgate pairwise export`)')
  const ratingsPath = resolve(io.cwd, ratingsArg!)
  const key = await readJson<PairwiseKey>(resolve(io.cwd, keyArg), 'key')
  if (key?.version !== 1 || typeof key.rows !== 'object') throw new Error(`evalgate pairwise: ${keyArg} is not a pairwise key (version 1)`)
  const rows = readCsv(await readFile(ratingsPath, 'utf8').catch((e: Error) => Promise.reject(new Error(`evalgate pairwise: cannot read the ratings ${ratingsPath}: ${e.message}`))), ratingsPath)
  const human: Record<string, HumanRating> = {}
  rows.forEach((r, i) => {
    const raw = (r['rating'] ?? '').trim()
    if (!raw) return
    const rating = raw.toUpperCase() === 'TIE' ? 'tie' : raw.toUpperCase()
    if (rating !== 'A' && rating !== 'B' && rating !== 'tie') throw new Error(`evalgate pairwise: ${ratingsPath} line ${i + 2} (row ${r['id']}): rating must be A, B or tie, got ${JSON.stringify(raw)}`)
    if (!r['id'] || !key.rows[r['id']]) throw new Error(`evalgate pairwise: ${ratingsPath} line ${i + 2}: row id ${JSON.stringify(r['id'])} is not in the key ${keyArg}`)
    human[r['id']] = rating
  })
  const rated = Object.keys(human).length
  if (!rated) throw new Error(`evalgate pairwise: ${ratingsPath} has no rating (column "rating": A, B or tie)`)
  io.out(`evalgate pairwise: ${rated} of ${Object.keys(key.rows).length} rows rated`)
  for (const w of winRates(human, key)) {
    io.out(`  ${w.candidate} vs ${w.opponent}: win rate ${(w.rate * 100).toFixed(1)}% [${(w.ci[0] * 100).toFixed(1)}, ${(w.ci[1] * 100).toFixed(1)}] (${w.wins} won, ${w.ties} tied, ${w.losses} lost of ${w.n})`)
  }
  const judgeURL = stringValue(values, 'judge-base-url')
  const judgeModel = stringValue(values, 'judge-model')
  if (judgeURL || judgeModel) {
    if (!judgeURL || !judgeModel) throw new UsageError('evalgate pairwise import: --judge-base-url and --judge-model go together')
    const rowsPath = stringValue(values, 'rows')
    const texts = rowsPath ? readCsv(await readFile(resolve(io.cwd, rowsPath), 'utf8'), rowsPath) : rows
    const byId = new Map(texts.map((r) => [r['id'], r]))
    const judge: Record<string, HumanRating> = {}
    for (const id of Object.keys(human)) {
      const r = byId.get(id)
      if (!r || r['output_a'] === undefined || r['output_b'] === undefined) throw new Error(`evalgate pairwise: row ${id} has no outputs to judge: pass the export CSV with --rows`)
      const res = await comparePairwise(r['output_a'], r['output_b'], { question: r['criteria'] || 'Which output is better?', ...(r['input'] ? { input: r['input'] } : {}), judge: { baseURL: judgeURL, model: judgeModel, apiKey: process.env['EVALGATE_JUDGE_API_KEY'] ?? 'none' } })
      judge[id] = res.winner === 'a' ? 'A' : res.winner === 'b' ? 'B' : 'tie'
    }
    const a = agreement(human, judge)
    io.out(`  human–judge agreement: ${a.agree} of ${a.n} rows (${a.rate === null ? 'n/a' : `${(a.rate * 100).toFixed(1)}%`}), judge ${judgeModel}`)
  }
  return 0
}
