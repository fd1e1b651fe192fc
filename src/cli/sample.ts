import { resolve } from 'node:path'
import { logsToCases, readLogEntries, stratifiedSampleStream, type CaseIssue } from '../cases/index.js'
import { formatIssue } from '../cases/errors.js'
import { writeFileAtomic } from '../util/fs.js'
import { stableStringify } from '../util/stable.js'
import { expectPositionals, numberValue, parseCommand, seedValue, stringValue, UsageError, type OptionSpec } from './args.js'
import { formatCounts, type CliIO } from './io.js'

export const SAMPLE_HELP = `Usage: evalgate sample <logs.jsonl> --out <cases.jsonl> (--per-category N | --total N) [options]

Turns production logs (one JSON object per line) into an eval set: a deterministic stratified
sample by category, written as cases (id, input, category, metadata) that loadCases reads.
The production response is kept as metadata.productionResponse, never as "expected".

Options:
  --out FILE             cases file to write (JSONL)
  --per-category N       up to N entries from every category
  --total N              N entries in all, shared by category size (at least one each)
  --seed S               same seed + same logs = same sample (default 0)
  --category-field F     field holding the category (default task_type)
  --input-field F        field holding the model input (default prompt)
  --id-field F           field holding a unique id (default: a hash of the input)
  --response-field F     field holding the production answer (default response)
  --skip-invalid         skip unreadable lines and entries (reported) instead of failing
  -h, --help             show this help

Example:
  evalgate sample logs/prod.jsonl --per-category 5 --seed 1 --out evals/from-prod.jsonl`

const OPTIONS: OptionSpec = {
  out: { type: 'string', short: 'o' },
  'per-category': { type: 'string' },
  total: { type: 'string' },
  seed: { type: 'string' },
  'category-field': { type: 'string' },
  'input-field': { type: 'string' },
  'id-field': { type: 'string' },
  'response-field': { type: 'string' },
  'skip-invalid': { type: 'boolean' },
}

/** `evalgate sample`: production log JSONL → stratified eval cases JSONL. */
export async function sampleCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('sample', argv, OPTIONS)
  if (values.help) return (io.out(SAMPLE_HELP), 0)
  const [logsArg] = expectPositionals('sample', positionals, ['logs.jsonl'])
  const out = stringValue(values, 'out')
  if (out === undefined) throw new UsageError('evalgate sample: --out FILE is required (see `evalgate sample --help`)')
  const perCategory = numberValue('sample', values, 'per-category', { min: 1, integer: true })
  const total = numberValue('sample', values, 'total', { min: 0, integer: true })
  if (perCategory === undefined && total === undefined) throw new UsageError('evalgate sample: give --per-category N, --total N, or both (see `evalgate sample --help`)')
  const fields = {
    ...optional('categoryField', stringValue(values, 'category-field')),
    ...optional('inputField', stringValue(values, 'input-field')),
    ...optional('idField', stringValue(values, 'id-field')),
  }
  const skipped: CaseIssue[] = []
  const onInvalid = values['skip-invalid'] === true ? (issue: CaseIssue) => void skipped.push(issue) : undefined
  let read = 0
  const entries = async function* () {
    for await (const entry of readLogEntries(resolve(io.cwd, logsArg!), onInvalid ? { onInvalid } : {})) {
      read++
      yield entry
    }
  }
  const sample = await stratifiedSampleStream(entries(), {
    seed: seedValue(values),
    ...optional('perCategory', perCategory),
    ...optional('total', total),
    ...fields,
    ...(onInvalid ? { onInvalid } : {}),
  })
  const cases = logsToCases(sample, { ...fields, ...optional('responseField', stringValue(values, 'response-field')) })
  const lines = cases.map(({ source: _source, ...c }) => stableStringify(c))
  await writeFileAtomic(resolve(io.cwd, out), lines.length > 0 ? lines.join('\n') + '\n' : '')
  const byCategory: Record<string, number> = {}
  for (const c of cases) byCategory[c.category ?? 'uncategorized'] = (byCategory[c.category ?? 'uncategorized'] ?? 0) + 1
  io.out(`sampled ${cases.length} case(s) from ${read} log entries: ${formatCounts(byCategory) || 'none'}`)
  io.out(`wrote ${out}`)
  if (skipped.length > 0) {
    io.err(`warning: skipped ${skipped.length} invalid line(s)/entries:`)
    for (const issue of skipped.slice(0, 10)) io.err(`  ${formatIssue(issue)}`)
    if (skipped.length > 10) io.err(`  … and ${skipped.length - 10} more`)
  }
  return 0
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
