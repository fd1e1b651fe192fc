import { readFile, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadCases } from '../../../src/cases/index.js'
import { CacheStore } from '../../../src/measure/cache/store.js'
import { toCachedResponse } from '../../../src/measure/cache/entry.js'
import { CACHE_FORMAT, type CacheEntry } from '../../../src/measure/cache/types.js'
import { removeOrphanTmp, scanCache } from '../../../src/measure/cache/scan.js'
import { existsSync } from 'node:fs'
import { jsonl, useCli } from './helpers.js'

const { cli, write, cwd } = useCli()

const logs = Array.from({ length: 60 }, (_, i) => ({
  prompt: `question number ${i}`,
  response: `answer ${i}`,
  task_type: ['search', 'summarize', 'translate'][i % 3],
  user_tier: i % 2 ? 'free' : 'pro',
}))

describe('evalgate sample', () => {
  test('stratified, deterministic, and readable by loadCases; the production answer stays metadata', async () => {
    await write('logs/prod.jsonl', jsonl(logs))
    const run = await cli('sample', 'logs/prod.jsonl', '--per-category', '4', '--seed', '3', '--out', 'evals/from-prod.jsonl')
    expect(run.code, run.err).toBe(0)
    expect(run.out).toContain('sampled 12 case(s) from 60 log entries: search 4, summarize 4, translate 4')
    const text = await readFile(join(cwd(), 'evals/from-prod.jsonl'), 'utf8')
    const cases = await loadCases(join(cwd(), 'evals/from-prod.jsonl'))
    expect(cases).toHaveLength(12)
    expect(cases[0]).toMatchObject({ category: 'search', metadata: { productionResponse: expect.stringMatching(/^answer/), user_tier: expect.any(String) } })
    expect(cases[0]!.expected).toBeUndefined()
    await cli('sample', 'logs/prod.jsonl', '--per-category', '4', '--seed', '3', '--out', 'evals/from-prod.jsonl')
    expect(await readFile(join(cwd(), 'evals/from-prod.jsonl'), 'utf8')).toBe(text)
    await cli('sample', 'logs/prod.jsonl', '--per-category', '4', '--seed', '4', '--out', 'evals/other.jsonl')
    expect(await readFile(join(cwd(), 'evals/other.jsonl'), 'utf8')).not.toBe(text)
  })

  test('--total and custom fields', async () => {
    await write('logs.jsonl', jsonl(logs.map((l, i) => ({ q: l.prompt, kind: l.task_type, rid: `r${i}` }))))
    const run = await cli('sample', 'logs.jsonl', '--total', '6', '--category-field', 'kind', '--input-field', 'q', '--id-field', 'rid', '--out', 'out.jsonl')
    expect(run.code, run.err).toBe(0)
    const cases = await loadCases(join(cwd(), 'out.jsonl'))
    expect(cases.map((c) => c.category).sort()).toEqual(['search', 'search', 'summarize', 'summarize', 'translate', 'translate'])
    expect(cases.every((c) => /^r\d+$/.test(c.id))).toBe(true)
  })

  test('a malformed line fails with file:line (exit 1), or is skipped and reported with --skip-invalid', async () => {
    await write('logs.jsonl', jsonl(logs.slice(0, 3)) + '{"prompt": "broken\n' + jsonl([{ task_type: 'x' }]))
    const bad = await cli('sample', 'logs.jsonl', '--total', '2', '--out', 'out.jsonl')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/logs\.jsonl:4: invalid JSON/)
    const skipped = await cli('sample', 'logs.jsonl', '--total', '2', '--out', 'out.jsonl', '--skip-invalid')
    expect(skipped.code).toBe(0)
    expect(skipped.err).toContain('warning: skipped 2 invalid line(s)/entries:')
    expect(skipped.err).toMatch(/logs\.jsonl:4: invalid JSON/)
    expect(skipped.err).toMatch(/logs\.jsonl:5: field "prompt" is required/)
  })
})

describe('evalgate cache stats / prune', () => {
  async function fill(): Promise<CacheStore> {
    const store = new CacheStore(join(cwd(), '.evalgate/cache'))
    const entries = [
      ['m1', 'api.example.com/v1/chat/completions', 'chat'],
      ['m1', 'api.example.com/v1/chat/completions', 'judge'],
      ['e1', 'api.example.com/v1/embeddings', 'embedding'],
    ] as const
    for (const [i, [model, endpoint, kind]] of entries.entries()) {
      await store.put({
        format: CACHE_FORMAT,
        key: String(i).repeat(64),
        kind,
        request: { endpoint, body: { model } },
        response: toCachedResponse(200, 'application/json', '{"ok":true}'),
        recorded: { at: '2025-01-01T00:00:00.000Z', totalMs: 1, ttftMs: null },
      })
    }
    return store
  }

  test('stats: entries and bytes by endpoint, model and kind (text and JSON)', async () => {
    await fill()
    await write('.evalgate/cache/33/' + '3'.repeat(64) + '.json', '{ broken')
    const run = await cli('cache', 'stats')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/\.evalgate[/\\]cache: 4 entries, [\d.]+ (B|KB) \(1 unreadable\)/)
    expect(run.out).toMatch(/api\.example\.com\/v1\/chat\/completions {2}2 entries/)
    expect(run.out).toMatch(/m1 {2}2 entries/)
    expect(run.out).toMatch(/embedding {2}1 entries/)
    const json = JSON.parse((await cli('cache', 'stats', '--json')).out)
    expect(json).toMatchObject({ entries: 4, unreadable: 1, byModel: { m1: { entries: 2 }, e1: { entries: 1 } }, byKind: { chat: { entries: 1 }, judge: { entries: 1 } } })
  })

  test('prune --older-than removes entries not used since (mtime), --dry-run removes nothing, --all the rest', async () => {
    const store = await fill()
    const old = new Date(Date.now() - 40 * 86_400_000)
    await utimes(store.fileOf('0'.repeat(64)), old, old)
    await utimes(store.fileOf('1'.repeat(64)), old, old)
    await store.touch('1'.repeat(64)) // used again: kept
    const dry = await cli('cache', 'prune', '--older-than', '30d', '--dry-run')
    expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('would remove 1 of 3 entries') })
    expect(await scanCache(store.dir)).toHaveLength(3)
    const pruned = await cli('cache', 'prune', '--older-than', '30d')
    expect(pruned.out).toMatch(/removed 1 of 3 entries \(.*\) not used for 30d; 2 kept/)
    expect((await scanCache(store.dir)).map((e) => e.key[0])).toEqual(['1', '2'])
    const all = await cli('cache', 'prune', '--all', '--dir', '.evalgate/cache')
    expect(all.out).toContain('removed 2 of 2 entries')
    expect(await scanCache(store.dir)).toEqual([])
  })

  test('packs: stats counts their lines as entries; prune --older-than goes by the pack\'s last use (its mtime); a corrupt pack is named', async () => {
    const store = await fill()
    const dir = store.dir
    const used = join(dir, 'packs', 'evals', 'used.eval.ts.jsonl')
    const stale = join(dir, 'packs', 'evals', 'stale.eval.ts.jsonl')
    const at = '2025-01-01T00:00:00.000Z'
    const e = (key: string, model: string): CacheEntry => ({ format: CACHE_FORMAT, key, kind: 'chat', request: { endpoint: 'api.example.com/v1/chat/completions', body: { model } }, response: toCachedResponse(200, 'application/json', '{"ok":true}'), recorded: { at, totalMs: 1, ttftMs: null } })
    await Promise.all([store.put(e('a'.repeat(64), 'm2'), used), store.put(e('b'.repeat(64), 'm2'), used), store.put(e('c'.repeat(64), 'm3'), stale)])
    const run = await cli('cache', 'stats')
    expect(run.out).toMatch(/cache: 6 entries/)
    expect(run.out).toContain('files: 2 packs, 3 loose entry files')
    expect(run.out).toMatch(/m2 {2}2 entries/)
    expect(JSON.parse((await cli('cache', 'stats', '--json')).out)).toMatchObject({ entries: 6, packs: 2, looseFiles: 3, unreadable: 0 })
    const old = new Date(Date.now() - 40 * 86_400_000)
    await utimes(stale, old, old)
    const pruned = await cli('cache', 'prune', '--older-than', '30d')
    expect(pruned.out).toMatch(/removed 1 of 6 entries .* not used for 30d; 5 kept/)
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(used)).toBe(true)
    await write('.evalgate/cache/packs/evals/used.eval.ts.jsonl', '<<<<<<< HEAD\n')
    const broken = await cli('cache', 'stats')
    expect(broken.out).toContain('(1 unreadable)')
    expect(broken.err).toContain(`warning: ${used}:1 is not a cache entry line`)
  })

  test('orphaned *.tmp files older than a minute are counted by stats and removed by prune; younger ones are kept (issue 10 row 12)', async () => {
    const store = await fill()
    const orphan = join(store.dir, '00', `${'0'.repeat(64)}.json.4242.abcdef.tmp`)
    const young = join(store.dir, `${'9'.repeat(64)}.json.4243.fedcba.tmp`)
    await write('.evalgate/cache/00/' + orphan.split('/').at(-1), '{"half": ')
    await write('.evalgate/cache/' + young.split('/').at(-1), '{"half": ')
    const old = new Date(Date.now() - 5 * 60_000)
    await utimes(orphan, old, old)
    const stats = await cli('cache', 'stats')
    expect(stats.out).toContain('orphaned temp files: 1')
    expect(JSON.parse((await cli('cache', 'stats', '--json')).out)).toMatchObject({ entries: 3, orphanTmp: 1 })
    const pruned = await cli('cache', 'prune', '--older-than', '30d')
    expect(pruned.out).toMatch(/removed 0 of 3 entries .* and 1 orphaned temp file; 3 kept/)
    expect(existsSync(orphan)).toBe(false)
    expect(existsSync(young)).toBe(true)
  })

  test('the cache cleans orphaned temp files when a run first opens it', async () => {
    const dir = join(cwd(), '.evalgate/cache')
    await write('.evalgate/cache/ab/x.json.1.2.tmp', 'x')
    const file = join(dir, 'ab/x.json.1.2.tmp')
    const old = new Date(Date.now() - 5 * 60_000)
    await utimes(file, old, old)
    expect(await removeOrphanTmp(dir)).toBe(1)
    expect(existsSync(file)).toBe(false)
  })
})
