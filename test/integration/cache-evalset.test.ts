import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startModelServer, type ModelServer } from '../../src/testing/index.js'
import { FIXTURES, REPO_ROOT, misbehaving, runVitest } from '../helpers/run-vitest.js'

// evalCases / evalSuite in real `vitest run`s of test/fixtures/cache-evalset (copied, since runs write a
// cache and baselines), against a local server whose request count shows what the cache saved.
let root: string
let server: ModelServer
const SECRET = 'sk-evalset-SECRET-4242'
const run = (files: string[], env: Record<string, string> = {}) =>
  runVitest(root, files, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET, ...env }, 120_000)
const GOOD = ['evals/set.eval.ts', 'evals/trials.eval.ts', 'evals/subset.eval.ts']

beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'cache-evalset-'))
  cpSync(join(FIXTURES, 'cache-evalset'), root, { recursive: true, filter: (src) => !src.includes('node_modules') })
  server = await startModelServer({ latency: 40 })
})
afterAll(async () => {
  await server.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('evalCases / evalSuite through real vitest runs', () => {
  test('tests named by case id, concurrency-limited, trials and subset; an unchanged rerun makes no call', async () => {
    const first = await run(GOOD)
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(misbehaving(first)).toEqual([])
    const names = [...first.tests.keys()].sort()
    expect(names).toEqual([
      '[pass] at most 2 cases in flight (cases.concurrency)',
      'blank-screen', 'change-email', 'crash-export', 'invoice-copy', 'password-reset', 'refund-late',
      // Cases outside the subset are registered as skipped tests (not deletions: their baselines stay).
      'subset blank-screen', 'subset change-email', 'subset crash-export', 'subset invoice-copy',
      'subset password-reset', 'subset refund-late',
      'trials invoice-copy', 'trials refund-late',
    ])
    expect([...first.tests.values()].filter((t) => t.state === 'skipped').map((t) => t.name).sort()).toEqual(['subset blank-screen', 'subset change-email', 'subset crash-export', 'subset invoice-copy'])
    // 6 cases + 2 cases × 3 trials + 2 subset cases, every request distinct.
    expect(server.requestCount()).toBe(14)

    const again = await run(GOOD)
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(server.requestCount()).toBe(14)
  })

  test('tagCase is automatic and trials are averaged per trial in the baseline', () => {
    const set = JSON.parse(readFileSync(join(root, 'snapshots/evals/set.eval.ts.json'), 'utf8'))
    expect(set.cases['refund-late']).toMatchObject({ category: 'billing', critical: true, scores: { quality: 1, pass: 1 } })
    expect(set.cases['crash-export']).toMatchObject({ category: 'bug' })
    expect(set.cases['crash-export'].critical).toBeUndefined()
    const trials = JSON.parse(readFileSync(join(root, 'snapshots/evals/trials.eval.ts.json'), 'utf8'))
    expect(trials.cases['trials > refund-late']).toMatchObject({ trials: { quality: [1, 0, 1] }, scores: { quality: 0.6667 } })
  })

  test('EVALGATE_FULL=1 runs the whole eval set despite the subset; only the new cases call the model', async () => {
    const before = server.requestCount()
    const full = await run(['evals/subset.eval.ts'], { EVALGATE_FULL: '1' })
    expect(full.code, full.stdout + full.stderr).toBe(0)
    expect([...full.tests.keys()].filter((n) => n.startsWith('subset '))).toHaveLength(6)
    expect(server.requestCount() - before).toBe(4)
  })

  test('replay mode: a miss fails the case even when the code under test caught the error', async () => {
    const before = server.requestCount()
    const replay = await run(['evals/swallow.eval.ts'], { EVALGATE_CACHE: 'replay' })
    expect(replay.code).toBe(1)
    expect(server.requestCount()).toBe(before)
    const t = replay.tests.get('swallow refund-late')!
    expect(t.state).toBe('failed')
    expect(t.messages.join('\n')).toContain('1 call(s) of this case had no recording in replay mode')
    expect(t.messages.join('\n')).toContain('last user message "swallow: Where is my refund?"')
  })

  test('malformed JSONL and CSV lines fail the file with file:line', async () => {
    const jsonl = await run(['evals/bad-jsonl.eval.ts'])
    expect(jsonl.code).toBe(1)
    expect(jsonl.stdout + jsonl.stderr).toMatch(/CaseFileError: .*evals[/\\]bad\.jsonl:3: invalid JSON/)
    const csv = await run(['evals/bad-csv.eval.ts'])
    expect(csv.code).toBe(1)
    expect(csv.stdout + csv.stderr).toMatch(/CaseFileError: .*evals[/\\]bad\.csv:4: a quoted cell starting here is never closed/)
  })

  test('the cache folder holds no API key and no header', () => {
    const dir = join(root, '.evalgate/cache')
    expect(existsSync(dir)).toBe(true)
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    // 18 recordings, one line each in the pack of the test file that made them.
    expect(files.every((f) => f.name.endsWith('.eval.ts.jsonl'))).toBe(true)
    const texts = files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
    expect(texts.flatMap((t) => t.split('\n').filter(Boolean))).toHaveLength(18)
    for (const text of texts) {
      expect(text).not.toContain(SECRET)
      expect(text.toLowerCase()).not.toContain('authorization')
    }
  })
})
