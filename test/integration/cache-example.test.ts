import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startModelServer, type ModelServer } from '../../src/testing/index.js'
import { createTriageModel } from '../../example-suite/local-model.js'
import { REPO_ROOT, runVitest, type VitestRun } from '../helpers/run-vitest.js'
import { stablePretty } from '../../src/util/stable.js'

// The example suite (temp copy inside the repository) pointed through OPENAI_BASE_URL at a local server
// started here, so the test can count what reaches the network across real `vitest run`s.
let root: string
let suite: string
let server: ModelServer
const SECRET = 'sk-example-SECRET-9f8e7d6c5b4a'
const ALL_CASES = readFileSync(join(REPO_ROOT, 'example-suite/evals/tickets.jsonl'), 'utf8').trim().split('\n').length
// Past the first test (the committed cache replays all of them), runs are bounded to CASES cases
// (EVALGATE_EXAMPLE_LIMIT): the cache's behaviour does not depend on the size of the eval set.
const CASES = 24
const cacheDir = () => join(suite, '.evalgate/cache')
let coldCalls = 0
/** Every file of the cache folder. */
const files = () => readdirSync(cacheDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
/** Every entry of the cache folder: a line of a test file's pack (`packs/**\/*.jsonl`), or a loose entry file. */
const entries = () =>
  files().flatMap((f) => (f.name.endsWith('.jsonl') ? readFileSync(join(f.parentPath, f.name), 'utf8').split('\n').filter(Boolean) : [f.name]))

async function run(env: Record<string, string> = {}): Promise<VitestRun & { calls: number }> {
  const before = server.requestCount()
  const result = await runVitest(suite, [], { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET, EVALGATE_MODEL: 'local-triage-model', EXAMPLE_CACHE_ENDPOINT_ALIAS: 'example-local-model', EVALGATE_EXAMPLE_LIMIT: String(CASES), ...env }, 120_000)
  return { ...result, calls: server.requestCount() - before }
}

function edit(file: string, from: string, to: string): () => void {
  const path = join(suite, file)
  const original = readFileSync(path, 'utf8')
  if (!original.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`)
  writeFileSync(path, original.replace(from, to))
  return () => writeFileSync(path, original)
}

beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'cache-example-'))
  suite = join(root, 'example-suite')
  cpSync(join(REPO_ROOT, 'example-suite'), suite, { recursive: true, filter: (src) => !src.includes('node_modules') })
  server = await startModelServer({ replies: createTriageModel(), latency: { mean: 20, sd: 5 }, ttft: { mean: 10, sd: 3 }, seed: 7 })
})
afterAll(async () => {
  await server.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('record/replay cache on the example suite', () => {
  test('the committed example cache is one pack per test file and replays the whole suite: zero calls', async () => {
    expect(files().map((f) => f.name).sort()).toEqual(['agent.eval.ts.jsonl', 'triage.eval.ts.jsonl'])
    const pristine = await run({ EVALGATE_EXAMPLE_LIMIT: '' })
    expect(pristine.code, pristine.stdout + pristine.stderr).toBe(0)
    expect([...pristine.tests.values()].filter((t) => t.state === 'passed').length).toBe(3 * ALL_CASES + 2 + 5) // + evals/agent.eval.ts: 4 probes, 1 trajectory
    expect(pristine.calls, 'example-suite/.evalgate/cache is stale: re-record it (rm -rf example-suite/.evalgate/cache && npm run example) and commit it').toBe(0)
  })

  test('a cold cache records each call once; an unchanged rerun makes zero calls, locally and on CI', async () => {
    rmSync(cacheDir(), { recursive: true, force: true })
    const cold = await run()
    expect(cold.code, cold.stdout + cold.stderr).toBe(0)
    expect(cold.calls).toBeGreaterThan(3 * CASES)
    expect(entries()).toHaveLength(cold.calls)
    coldCalls = cold.calls
    const warm = await run()
    expect(warm.code, warm.stdout + warm.stderr).toBe(0)
    expect(warm.calls).toBe(0)
    const ci = await run({ CI: 'true' })
    expect(ci.code, ci.stdout + ci.stderr).toBe(0)
    expect(ci.calls).toBe(0)
  })

  test('changing one prompt re-calls only the cases that use it', async () => {
    const before = entries().length
    edit('src/prompts.ts', 'Keep it under 120 words.', 'Keep it under 100 words.')
    const changed = await run()
    expect(changed.code, changed.stdout + changed.stderr).toBe(0)
    // Every reply, K = 3 trials each; the judge sees the same drafts as before, so its calls replay.
    expect(changed.calls).toBe(3 * CASES)
    expect(entries()).toHaveLength(before + 3 * CASES)
    expect((await run()).calls).toBe(0)
  })

  test('replay mode: a miss fails its test clearly, without a network call', async () => {
    const restore = edit('src/prompts.ts', 'Return only JSON.', 'Return only JSON, nothing else.')
    try {
      const replay = await run({ EVALGATE_CACHE: 'replay' })
      expect(replay.code).toBe(1)
      expect(replay.calls).toBe(0)
      const failed = [...replay.tests.values()].filter((t) => t.state === 'failed').map((t) => t.name)
      const ran = [...replay.tests.values()].filter((t) => t.state !== 'skipped').map((t) => t.name)
      expect(failed.sort()).toEqual(ran.filter((n) => n.startsWith('extract ')).sort())
      expect(failed).toHaveLength(CASES)
      const message = replay.tests.get('extract billing-01a')!.messages.join('\n')
      expect(message).toContain('424 evalgate cache: no recording of this request in replay mode')
      expect(message).toContain('test: extract > billing-01a')
      expect(message).toContain('request: POST example-local-model/v1/chat/completions, model "local-triage-model", last user message "I was charged twice for my December subscription, order ORD-…"')
      expect(message).toContain('EVALGATE_CACHE=read-write')
    } finally {
      restore()
    }
    const back = await run({ EVALGATE_CACHE: 'replay' })
    expect(back.code, back.stdout + back.stderr).toBe(0)
    expect(back.calls).toBe(0)
  })

  test('EVALGATE_CACHE=off calls everything and records nothing', async () => {
    const before = entries().length
    const off = await run({ EVALGATE_CACHE: 'off' })
    expect(off.code, off.stdout + off.stderr).toBe(0)
    expect(off.calls).toBeGreaterThanOrEqual(coldCalls) // every call of the suite, hits of the cold run included
    expect(entries()).toHaveLength(before)
  })

  test('a cache in the one-file-per-entry layout (before packs) still replays; read-write moves it into the packs', async () => {
    // Unpack: every entry back into its own stable pretty file <dir>/<key[0..2]>/<key>.json.
    const lines = entries()
    rmSync(join(cacheDir(), 'packs'), { recursive: true, force: true })
    for (const line of lines) {
      const entry = JSON.parse(line) as { key: string }
      mkdirSync(join(cacheDir(), entry.key.slice(0, 2)), { recursive: true })
      writeFileSync(join(cacheDir(), entry.key.slice(0, 2), `${entry.key}.json`), stablePretty(entry))
    }
    const replay = await run({ EVALGATE_CACHE: 'replay' })
    expect(replay.code, replay.stdout + replay.stderr).toBe(0)
    expect(replay.calls).toBe(0)
    expect(files().some((f) => f.name.endsWith('.jsonl'))).toBe(false) // replay mode writes nothing
    const migrate = await run()
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0)
    expect(migrate.calls).toBe(0)
    const packed = files().filter((f) => f.name.endsWith('.jsonl')).flatMap((f) => readFileSync(join(f.parentPath, f.name), 'utf8').split('\n').filter(Boolean))
    expect(packed.length).toBeGreaterThan(3 * CASES)
    const before = new Set(lines)
    expect(packed.filter((line) => !before.has(line))).toEqual([]) // the very entries, byte for byte
    // The loose copies stay (unused from now on): `evalgate cache prune --older-than` removes them in time.
  })

  test('no cache file holds the API key or an authorization header', () => {
    const all = files()
    expect(all.length).toBeGreaterThan(0)
    for (const f of all) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8')
      expect(text, f.name).not.toContain(SECRET)
      expect(text.toLowerCase(), f.name).not.toContain('authorization')
      expect(text.toLowerCase(), f.name).not.toContain('bearer')
    }
  })
})
