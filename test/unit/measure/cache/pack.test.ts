import { mkdtemp, readFile, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { toCachedResponse } from '../../../../src/measure/cache/entry.js'
import { cacheKey, cacheKeyOfStable } from '../../../../src/measure/cache/key.js'
import { entryLine, indexPack, packFileOf, renderPack } from '../../../../src/measure/cache/pack.js'
import { removeEntries, removeOrphanTmp, scanCache, scanOrphanTmp } from '../../../../src/measure/cache/scan.js'
import { CacheStore } from '../../../../src/measure/cache/store.js'
import { CACHE_FORMAT, type CacheEntry, type CacheRequest } from '../../../../src/measure/cache/types.js'
import { stableStringify } from '../../../../src/util/stable.js'

const entry = (key: string, content: string, at = '2025-01-01T00:00:00.000Z'): CacheEntry => ({
  format: CACHE_FORMAT,
  key,
  kind: 'chat',
  request: { endpoint: 'h/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: key }] } },
  response: toCachedResponse(200, 'application/json', JSON.stringify({ content })),
  recorded: { at, totalMs: 12, ttftMs: null },
})
const k = (c: string) => c.repeat(64)

describe('cache packs (pure)', () => {
  test('a line is indexed by its key without parsing; lines render sorted by key, one per line', () => {
    const lines = new Map([[k('b'), entryLine(entry(k('b'), 'x'))], [k('a'), entryLine(entry(k('a'), 'y'))]])
    const text = renderPack(lines)
    expect(text.split('\n')).toHaveLength(3)
    expect(text.indexOf(`"key":"${k('a')}"`)).toBeLessThan(text.indexOf(`"key":"${k('b')}"`))
    expect(text.endsWith('}\n')).toBe(true)
    const index = indexPack(text, 'p.jsonl')
    expect(index.problem).toBeUndefined()
    expect([...index.lines.keys()]).toEqual([k('a'), k('b')])
    expect(JSON.parse(index.lines.get(k('b'))!)).toEqual(entry(k('b'), 'x'))
    // Every line starts with format and key: stable JSON sorts them first.
    expect(entryLine(entry(k('c'), 'z'))).toMatch(new RegExp(`^\\{"format":"${CACHE_FORMAT}","key":"${k('c')}",`))
  })

  test('a line that is not an entry (merge conflict, pretty JSON) or a repeated key makes the pack unusable, naming file:line', () => {
    const good = entryLine(entry(k('a'), 'y'))
    expect(indexPack(`${good}\n<<<<<<< HEAD\n`, 'x/p.jsonl').problem).toMatch(/^x\/p\.jsonl:2 is not a cache entry line \("<<<<<<< HEAD"\); fix or delete the pack$/)
    expect(indexPack('{\n  "format": 1\n}\n', 'p.jsonl').problem).toContain('p.jsonl:1 is not a cache entry line')
    expect(indexPack(`${good}\n${good}\n`, 'p.jsonl').problem).toBe(`p.jsonl:2 repeats the key ${k('a')}; fix or delete the pack`)
    expect(indexPack('', 'p.jsonl')).toEqual({ lines: new Map() })
  })

  test('a test file\'s pack mirrors its path under packs/; a file outside the root gets a hashed name', () => {
    expect(packFileOf('/r/.evalgate/cache', '/r', '/r/evals/tickets.eval.ts')).toBe(join('/r/.evalgate/cache', 'packs', 'evals', 'tickets.eval.ts.jsonl'))
    expect(packFileOf('/c', '/r', '/elsewhere/a.test.ts')).toMatch(/[/\\]packs[/\\]_outside[/\\][0-9a-f]{16}\.jsonl$/)
    expect(packFileOf('/c', '/r', '/elsewhere/a.test.ts')).not.toBe(packFileOf('/c', '/r', '/elsewhere/b.test.ts'))
  })

  test('cacheKeyOfStable is cacheKey from the body in stable JSON', () => {
    const requests: CacheRequest[] = [
      { endpoint: 'api.openai.com/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'hé "quoted" \u2028' }], temperature: 0 } },
      { endpoint: 'h:1/v1/embeddings?api-version=2024', body: { z: 1, a: [null, true, 1.5] }, trial: 2 },
      { endpoint: 'h/v1/chat/completions', body: {}, occurrence: 3 },
      { endpoint: 'h/v1/chat/completions', body: { b: { y: 1, x: 2 } }, trial: 1, occurrence: 1 },
    ]
    for (const r of requests) expect(cacheKeyOfStable(r, stableStringify(r.body))).toBe(cacheKey(r))
  })
})

describe('CacheStore packs', () => {
  let dir = ''
  let pack = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evalgate-pack-'))
    pack = join(dir, 'packs', 'evals', 'a.eval.ts.jsonl')
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  test('entries recorded together share one write; a fresh store (a new run) reads the pack once and finds them', async () => {
    const store = new CacheStore(dir)
    await Promise.all(['c', 'a', 'b'].map((c) => store.put(entry(k(c), c), pack)))
    const text = await readFile(pack, 'utf8')
    expect(text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as CacheEntry).key)).toEqual([k('a'), k('b'), k('c')])
    const fresh = new CacheStore(dir)
    expect(await fresh.get(k('b'), pack)).toMatchObject({ found: true, file: pack, entry: { response: { json: { content: 'b' } } } })
    expect(await fresh.get(k('d'), pack)).toEqual({ found: false, file: fresh.fileOf(k('d')) })
    // A key outside the pack is still read from its loose file (a cache recorded before packs).
    await fresh.put(entry(k('e'), 'loose'))
    expect(await fresh.get(k('e'), pack)).toMatchObject({ found: true, file: fresh.fileOf(k('e')) })
  })

  test('two processes recording into one pack (parallel workers, projects) keep each other\'s entries', async () => {
    const one = new CacheStore(dir)
    const two = new CacheStore(dir)
    await Promise.all([one.put(entry(k('a'), 'a'), pack), two.put(entry(k('b'), 'b'), pack), one.put(entry(k('c'), 'c'), pack), two.put(entry(k('d'), 'd'), pack)])
    const keys = [...indexPack(await readFile(pack, 'utf8'), pack).lines.keys()]
    expect(keys).toEqual([k('a'), k('b'), k('c'), k('d')])
  })

  test('an unchanged answer is not rewritten (recorded.at kept); a changed one replaces its line; the first hit touches the pack once', async () => {
    const store = new CacheStore(dir)
    await store.put(entry(k('a'), 'a'), pack)
    const text = await readFile(pack, 'utf8')
    await new CacheStore(dir).put(entry(k('a'), 'a', '2026-06-01T00:00:00.000Z'), pack)
    expect(await readFile(pack, 'utf8')).toBe(text)
    await new CacheStore(dir).put(entry(k('a'), 'new'), pack)
    expect(JSON.parse(await readFile(pack, 'utf8')).response.json).toEqual({ content: 'new' })

    const old = new Date('2020-01-01')
    await utimes(pack, old, old)
    const reader = new CacheStore(dir)
    expect((await reader.get(k('a'), pack)).found).toBe(true)
    await new Promise((r) => setTimeout(r, 20))
    const touched = (await stat(pack)).mtime.getTime()
    expect(touched).toBeGreaterThan(old.getTime())
    await utimes(pack, old, old)
    expect((await reader.get(k('a'), pack)).found).toBe(true)
    await new Promise((r) => setTimeout(r, 20))
    expect((await stat(pack)).mtime.getTime()).toBe(old.getTime()) // once per process, not per hit
  })

  test('an unusable pack is named, and never written over', async () => {
    await mkdir(join(dir, 'packs', 'evals'), { recursive: true })
    await writeFile(pack, 'not an entry\n')
    const store = new CacheStore(dir)
    expect(await store.packProblem(pack)).toBe(`${pack}:1 is not a cache entry line ("not an entry"); fix or delete the pack`)
    await expect(store.put(entry(k('a'), 'a'), pack)).rejects.toThrow(`${pack}:1 is not a cache entry line`)
    expect(await readFile(pack, 'utf8')).toBe('not an entry\n')
  })

  test('scan and remove see pack lines as entries: a pack rewritten without the removed ones, removed with its last, folders tidied', async () => {
    const store = new CacheStore(dir)
    await Promise.all(['a', 'b', 'c'].map((c) => store.put(entry(k(c), c), pack)))
    await store.put(entry(k('d'), 'loose'))
    const scanned = await scanCache(dir)
    expect(scanned.map((e) => [e.key[0], e.pack ?? false])).toEqual([['d', false], ['a', true], ['b', true], ['c', true]])
    expect(scanned[1]).toMatchObject({ file: pack, entry: { key: k('a') }, bytes: entryLine(entry(k('a'), 'a')).length + 1 })
    await removeEntries(dir, scanned.filter((e) => e.key === k('b') || e.key === k('d')))
    expect((await scanCache(dir)).map((e) => e.key[0])).toEqual(['a', 'c'])
    await removeEntries(dir, await scanCache(dir))
    expect(await scanCache(dir)).toEqual([])
    await expect(stat(join(dir, 'packs'))).rejects.toThrow()
  })

  test('orphaned temp files beside packs are found and removed', async () => {
    const store = new CacheStore(dir)
    await store.put(entry(k('a'), 'a'), pack)
    const orphan = `${pack}.4242.abcdef.tmp`
    await writeFile(orphan, '{"half')
    const old = new Date(Date.now() - 5 * 60_000)
    await utimes(orphan, old, old)
    expect((await scanOrphanTmp(dir)).map((o) => o.file)).toEqual([orphan])
    expect(await removeOrphanTmp(dir)).toBe(1)
  })
})
