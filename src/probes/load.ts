/**
 * Loading of adversarial probe packs: read the JSONL files, validate every line against
 * probes/probe.schema.json (ajv, strict), check ids are unique, and expand texts (`{ text, repeat }`
 * segments joined, the `{{canary}}` placeholder filled). Errors name file:line and the field.
 * No Vitest here: the glue (evalProbes) builds on {@link loadProbes}.
 */
import { readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { loadAjv2020 } from '../util/lazy-require.js'
import { PROBE_PACKS, PROBE_SET_VERSION } from './types.js'
import type { Probe, ProbeContextItem, ProbePackName, ProbeRecord, ProbeText } from './types.js'

/** A probe file or option that cannot be used; `file`/`line`/`field` locate it when known. */
export class ProbeLoadError extends Error {
  override name = 'ProbeLoadError'
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Longest text a field may expand to (repeats included): 2,000,000 characters. */
export const MAX_EXPANDED_CHARS = 2_000_000

/** Placeholders a probe text may hold. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g
const KNOWN_PLACEHOLDERS = new Set(['canary'])
/** A canary must be a token no reply contains by chance: 8–64 letters, digits, '-' or '_', with a digit and a letter. */
const CANARY = /^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{8,64}$/

/** The folder of the built-in probe set, found from this module's own location (src/probes or dist/probes). */
export function builtinProbeDir(): string {
  return fileURLToPath(new URL(`../../probes/${PROBE_SET_VERSION}/`, import.meta.url))
}

/** The probe JSON Schema shipped with the package. */
export function probeSchemaPath(): string {
  return fileURLToPath(new URL('../../probes/probe.schema.json', import.meta.url))
}

let validator: ValidateFunction | undefined
function validateProbe(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(probeSchemaPath(), 'utf8')) as object
    const { Ajv2020 } = loadAjv2020()
    const ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: true })
    validator = ajv.compile(schema)
  }
  return validator
}

/** `/context/0/text` → `context[0].text`; the empty path is the probe itself. */
function fieldName(instancePath: string): string {
  if (instancePath === '') return '(probe)'
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`), '')
}

function describeIssue(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperties') return `unknown key "${String(params.additionalProperty)}"`
  if (error.keyword === 'required') return `missing required key "${String(params.missingProperty)}"`
  if (error.keyword === 'enum') return `${error.message ?? 'invalid'}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
  if (error.keyword === 'discriminator') return `unknown detector kind ${JSON.stringify(params.tagValue)}`
  return error.message ?? error.keyword
}

/** Schema errors grouped by field, the first field first: "detector.marker: must be string". */
function formatIssues(errors: readonly ErrorObject[]): { field: string; text: string } {
  const byField = new Map<string, string[]>()
  for (const error of errors) {
    const field = fieldName(error.instancePath)
    const sameField = errors.filter((e) => e.instancePath === error.instancePath)
    // A failed oneOf is explained by its branches, and a branch that failed deeper down explains
    // itself better than the wrong-type branch beside it; an enum on `kind` by the discriminator.
    if (error.keyword === 'oneOf' && sameField.length > 1) continue
    if ((error.keyword === 'type' || error.keyword === 'oneOf') && errors.some((e) => e.instancePath.startsWith(`${error.instancePath}/`))) continue
    if (error.keyword === 'enum' && error.instancePath.endsWith('/kind') && errors.some((e) => e.keyword === 'discriminator')) continue
    const list = byField.get(field) ?? []
    const text = describeIssue(error)
    if (!list.includes(text)) list.push(text)
    byField.set(field, list)
  }
  const parts = [...byField].map(([field, texts]) => `${field}: ${texts.join(' or ')}`)
  const first = byField.keys().next().value ?? '(probe)'
  return { field: first, text: parts.join('; ') }
}

export interface ExpandOptions {
  /** The canary token filled in for `{{canary}}` (and looked for by the canary detector). */
  canary?: string
}

function expandText(text: ProbeText, field: string, at: (field: string, message: string) => ProbeLoadError, options: ExpandOptions): string {
  let out = ''
  const segments = typeof text === 'string' ? [text] : text
  for (const segment of segments) {
    const piece = typeof segment === 'string' ? segment : segment.text.repeat(segment.repeat)
    out += piece
    if (out.length > MAX_EXPANDED_CHARS) throw at(field, `expands to more than ${MAX_EXPANDED_CHARS} characters`)
  }
  return out.replace(PLACEHOLDER, (_whole, name: string) => {
    if (!KNOWN_PLACEHOLDERS.has(name)) throw at(field, `unknown placeholder {{${name}}} (known: {{canary}})`)
    if (options.canary === undefined) throw at(field, 'uses {{canary}}: pass a canary to load this probe')
    return options.canary
  })
}

function assertCanary(canary: string | undefined): void {
  if (canary !== undefined && (typeof canary !== 'string' || !CANARY.test(canary))) {
    throw new ProbeLoadError(`canary must be 8-64 letters, digits, '-' or '_' with at least one letter and one digit (a token no reply holds by chance), got ${JSON.stringify(canary)}`)
  }
}

/**
 * Parses one probe file's text (JSONL: one probe per line; blank lines skipped; CRLF and a BOM
 * accepted). `file` names the file in errors. Throws {@link ProbeLoadError} at the first bad line.
 */
export function parseProbeFile(text: string, file: string, options: ExpandOptions = {}): Probe[] {
  assertCanary(options.canary)
  const probes: Probe[] = []
  const lines = text.replace(/^\uFEFF/, '').split('\n')
  const seen = new Map<string, number>()
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] as string).replace(/\r$/, '')
    if (raw.trim() === '') continue
    const line = index + 1
    const at = (field: string, message: string): ProbeLoadError => new ProbeLoadError(`${file}:${line}: ${field}: ${message}`, file, line, field)
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (error) {
      throw at('(line)', `not valid JSON (${(error as Error).message})`)
    }
    const validate = validateProbe()
    if (!validate(value)) {
      const { field, text: issues } = formatIssues(validate.errors ?? [])
      const id = value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? ` (probe ${(value as { id: string }).id})` : ''
      throw new ProbeLoadError(`${file}:${line}${id}: ${issues}`, file, line, field)
    }
    const record = value as ProbeRecord
    const earlier = seen.get(record.id)
    if (earlier !== undefined) throw at('id', `duplicate probe id "${record.id}" (first at line ${earlier})`)
    seen.set(record.id, line)
    if (record.detector.kind === 'canary' && options.canary === undefined) throw at('detector', 'a canary detector needs a canary: pass a canary to load this probe')
    const context: ProbeContextItem[] = (record.context ?? []).map((item, i) => ({
      source: item.source,
      ...(item.name !== undefined ? { name: item.name } : {}),
      text: expandText(item.text, `context[${i}].text`, at, options),
    }))
    const detector = { ...record.detector }
    if (detector.kind === 'marker') detector.marker = expandText(detector.marker, 'detector.marker', at, options)
    if (detector.kind === 'contains') detector.text = expandText(detector.text, 'detector.text', at, options)
    probes.push({
      id: record.id,
      pack: record.pack,
      technique: record.technique,
      ...(record.title !== undefined ? { title: record.title } : {}),
      input: expandText(record.input, 'input', at, options),
      context,
      detector,
      severity: record.severity,
      tags: [...(record.tags ?? [])],
      source: { file, line },
    })
  }
  return probes
}

export interface LoadProbesOptions extends ExpandOptions {
  /** Packs to load from the set (default all four). */
  packs?: readonly ProbePackName[]
  /** A folder holding `<pack>.jsonl` files (default: the built-in evalgate-probes-v1). */
  dir?: string
  /** Extra probe files (JSONL, any pack names) loaded after the set: the way users extend it. */
  files?: readonly string[]
  /** Keep only probes for which this returns true (applied after validation). */
  filter?: (probe: Probe) => boolean
}

function readProbeFile(path: string, options: ExpandOptions): Probe[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ProbeLoadError(`${path}: cannot read probe file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, path)
  }
  return parseProbeFile(text, path, options)
}

/**
 * Loads probe packs: by default every pack of evalgate-probes-v1, located relative to this module
 * (so it works from src/ and from the published dist/). In a set folder each probe's `pack` must
 * match its file name. Ids must be unique over everything loaded. Probes keep file order, packs
 * the order given.
 */
export function loadProbes(options: LoadProbesOptions = {}): Probe[] {
  assertCanary(options.canary)
  const packs = options.packs ?? PROBE_PACKS
  if (!Array.isArray(packs) || packs.length === 0) throw new ProbeLoadError(`packs must be a non-empty list of ${PROBE_PACKS.join(', ')}`)
  for (const pack of packs) {
    if (!(PROBE_PACKS as readonly string[]).includes(pack)) {
      throw new ProbeLoadError(`unknown probe pack ${JSON.stringify(pack)} (known: ${PROBE_PACKS.join(', ')})`)
    }
  }
  const dir = options.dir ?? builtinProbeDir()
  const expand: ExpandOptions = options.canary !== undefined ? { canary: options.canary } : {}
  const all: Probe[] = []
  for (const pack of new Set(packs)) {
    const path = join(dir, `${pack}.jsonl`)
    for (const probe of readProbeFile(path, expand)) {
      if (probe.pack !== pack) {
        throw new ProbeLoadError(`${path}:${probe.source.line}: pack: "${probe.pack}" in the ${pack} pack file (a set folder keeps each pack in <pack>.jsonl)`, path, probe.source.line, 'pack')
      }
      all.push(probe)
    }
  }
  for (const file of options.files ?? []) {
    if (extname(file) !== '.jsonl') throw new ProbeLoadError(`${file}: probe files are JSONL (one probe per line, .jsonl), got ${basename(file)}`, file)
    all.push(...readProbeFile(file, expand))
  }
  const first = new Map<string, Probe>()
  for (const probe of all) {
    const other = first.get(probe.id)
    if (other !== undefined) {
      throw new ProbeLoadError(
        `${probe.source.file}:${probe.source.line}: id: duplicate probe id "${probe.id}" (also at ${other.source.file}:${other.source.line})`,
        probe.source.file,
        probe.source.line,
        'id',
      )
    }
    first.set(probe.id, probe)
  }
  return options.filter ? all.filter(options.filter) : all
}
