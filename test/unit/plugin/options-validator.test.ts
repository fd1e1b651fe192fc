import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { Ajv, type ValidateFunction } from 'ajv'
import { OPTIONS_SCHEMA, OPTIONS_VALIDATOR_FILE, describeOptionErrors } from '../../../src/plugin/options.js'
// @ts-expect-error: a plain .mjs build script without declarations
import { validatorSource } from '../../../scripts/build-options-validator.mjs'

/**
 * The build generates the plugin options validator as standalone ajv code (scripts/build-options-validator.mjs),
 * so start-up neither imports nor compiles ajv. It must accept, reject and word errors exactly like the schema
 * compiled by ajv (what src uses without a build).
 */
// Inside the repo, so the generated file resolves ajv's runtime helpers as dist/plugin does.
const cache = fileURLToPath(new URL('../../../node_modules/.cache', import.meta.url))
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(join(cache, 'evalgate-validator-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function standalone(): ValidateFunction {
  const file = join(dir, OPTIONS_VALIDATOR_FILE)
  writeFileSync(file, (validatorSource as (schema: object) => string)(OPTIONS_SCHEMA))
  return createRequire(import.meta.url)(file) as ValidateFunction
}

const CASES: unknown[] = [
  {},
  { gate: { margin: 0.05, metrics: ['pass'] }, reporter: { json: 'out/report.json' }, cache: true },
  { gate: { alpah: 0.1, method: 'z' }, baselines: { dir: 3 } },
  { reporter: { json: 3 } },
  { cache: 'yes' },
  { cache: { mode: 'fast', endpointAlias: 'a b' } },
  { judge: { votes: 0, temperature: 3, model: 1 }, embeddings: { baseURL: '' } },
  { gate: { metrics: [], failureRates: { hallucination: { max: 2 } }, tolerance: { pass: -1 } } },
  { candidates: { a: { baseURL: 1 } }, compare: { nope: true } },
  { measure: { requestUsage: 'yes' }, schema: { allowKeywords: [''] }, extra: 1 },
  [],
  null,
]

describe('the generated options validator', () => {
  const compiled = new Ajv({ allErrors: true, logger: false }).compile(OPTIONS_SCHEMA)
  const generated = standalone()

  test.each(CASES.map((c) => [JSON.stringify(c), c]))('%s: same verdict, errors and messages as ajv compile', (_name, options) => {
    const a = compiled(options)
    const b = generated(options)
    expect(b).toBe(a)
    expect(generated.errors ?? null).toEqual(compiled.errors ?? null)
    expect(describeOptionErrors(generated.errors ?? [])).toEqual(describeOptionErrors(compiled.errors ?? []))
  })

  test('some cases are invalid (the comparison is not vacuous)', () => {
    expect(CASES.filter((c) => !compiled(c)).length).toBeGreaterThan(8)
  })
})

describe('the built plugin validates with the generated file', () => {
  const built = fileURLToPath(new URL('../../../dist/plugin/options.js', import.meta.url))
  test.skipIf(!existsSync(built))('dist resolveOptions: the same messages as src', async () => {
    const dist = (await import(pathToFileURL(built).href)) as typeof import('../../../src/plugin/options.js')
    const src = await import('../../../src/plugin/options.js')
    const message = (resolve: (o: unknown) => unknown, options: unknown) => {
      try {
        resolve(options)
        return 'valid'
      } catch (error) {
        return (error as Error).message
      }
    }
    for (const options of CASES) expect(message(dist.resolveOptions, options)).toBe(message(src.resolveOptions, options))
  })
})
