import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A wrong command line: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A command's option definitions (node:util `parseArgs` format). */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** Parsed options: strings, booleans, and arrays for `multiple` options. */
export type ParsedValues = Record<string, string | boolean | Array<string | boolean> | undefined>

/**
 * Parses `argv` strictly (unknown options and missing values are errors) with `--help`/`-h` added.
 * Errors become a {@link UsageError} that names the command and points at its help.
 */
export function parseCommand(command: string, argv: string[], options: OptionSpec): { values: ParsedValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals }
  } catch (error) {
    throw new UsageError(`evalgate ${command}: ${describeParseError(error as Error & { code?: string })} (see \`evalgate ${command} --help\`)`)
  }
}

function describeParseError(error: Error & { code?: string }): string {
  const quoted = error.message.match(/'([^']+)'/)?.[1] ?? ''
  const name = quoted.split(/\s/)[0] ?? quoted
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${name}`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message) ? `option ${name} needs a value` : `option ${name} takes no value`
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(quoted)}`
  return error.message
}

/** A string option's value (the last one when repeated), or undefined. */
export function stringValue(values: ParsedValues, name: string): string | undefined {
  const v = values[name]
  const last = Array.isArray(v) ? v[v.length - 1] : v
  return typeof last === 'string' ? last : undefined
}

/** All values of a repeatable string option. */
export function stringValues(values: ParsedValues, name: string): string[] {
  const v = values[name]
  if (v === undefined) return []
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')
}

/** A number option: undefined when absent, else a finite number >= `min` (an integer when asked). */
export function numberValue(command: string, values: ParsedValues, name: string, rule: { min: number; integer?: boolean }): number | undefined {
  const raw = stringValue(values, name)
  if (raw === undefined) return undefined
  const n = Number(raw)
  const ok = raw.trim() !== '' && Number.isFinite(n) && n >= rule.min && (!rule.integer || Number.isInteger(n))
  if (!ok) throw new UsageError(`evalgate ${command}: --${name} must be ${rule.integer ? 'an integer' : 'a number'} >= ${rule.min}, got ${JSON.stringify(raw)}`)
  return n
}

/** A seed: integers become numbers (as in code: `seed: 7`), anything else stays a string. Default 0. */
export function seedValue(values: ParsedValues): number | string {
  const raw = stringValue(values, 'seed')
  if (raw === undefined) return 0
  return /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** Milliseconds of a duration like `30d`, `12h`, `90m`, `45s`, `2w`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * UNITS[match[2]!]!
}

/** Exactly `count` positionals, else a usage error naming what is expected. */
export function expectPositionals(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) throw new UsageError(`evalgate ${command}: missing ${names.slice(positionals.length).map((n) => `<${n}>`).join(' ')} (see \`evalgate ${command} --help\`)`)
  if (positionals.length > names.length) throw new UsageError(`evalgate ${command}: unexpected argument ${JSON.stringify(positionals[names.length])} (see \`evalgate ${command} --help\`)`)
  return positionals
}
