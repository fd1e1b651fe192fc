import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtinProbeDir, loadProbes, MAX_EXPANDED_CHARS, parseProbeFile, PROBE_PACKS, ProbeLoadError, probeSchemaPath } from '../../../src/probes/index.js'
import type { Probe } from '../../../src/probes/index.js'

const CANARY = 'EG-CANARY-7f3a9c21'
const ROOT = resolve(import.meta.dirname, '../../..')

const line = (probe: Record<string, unknown>): string =>
  JSON.stringify({ id: 'p-1', pack: 'injection', technique: 'direct', input: 'hi', detector: { kind: 'marker', marker: 'ABCD-1' }, severity: 'major', ...probe })

function caught(fn: () => unknown): ProbeLoadError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ProbeLoadError)
    return error as ProbeLoadError
  }
  throw new Error('expected a ProbeLoadError')
}

describe('the built-in probe set evalgate-probes-v1', () => {
  const probes = loadProbes({ canary: CANARY })

  it('is found relative to the loader module, with one file per pack and the schema beside it', () => {
    expect(builtinProbeDir()).toBe(join(ROOT, 'probes/evalgate-probes-v1/'))
    expect(probeSchemaPath()).toBe(join(ROOT, 'probes/probe.schema.json'))
    expect(readdirSync(builtinProbeDir()).sort()).toEqual(PROBE_PACKS.map((p) => `${p}.jsonl`).sort())
  })

  it('validates every probe, has at least 60 of them over the four packs and unique ids', () => {
    const counts = Object.fromEntries(PROBE_PACKS.map((pack) => [pack, probes.filter((p) => p.pack === pack).length]))
    expect(counts).toEqual({ injection: 17, jailbreak: 18, leakage: 16, malformed: 16 })
    expect(probes.length).toBeGreaterThanOrEqual(60)
    expect(new Set(probes.map((p) => p.id)).size).toBe(probes.length)
  })

  it('covers the techniques issue 13 asks for', () => {
    const techniques = (pack: string): Set<string> => new Set(probes.filter((p) => p.pack === pack).map((p) => p.technique))
    expect([...techniques('injection')]).toEqual(expect.arrayContaining(['direct', 'indirect-document', 'indirect-tool']))
    expect([...techniques('jailbreak')]).toEqual(expect.arrayContaining(['role-play', 'payload-splitting', 'base64', 'leetspeak', 'other-language']))
    expect([...techniques('leakage')]).toEqual(expect.arrayContaining(['system-prompt', 'cross-user']))
    expect([...techniques('malformed')]).toEqual(expect.arrayContaining(['empty', 'huge', 'control-characters', 'wrong-language']))
    // Indirect attacks carry their payload in the context, not the input.
    for (const p of probes.filter((x) => x.technique.startsWith('indirect-'))) expect(p.context.length).toBeGreaterThan(0)
    // The judge is used only where no detector can decide, and says what 'yes' means.
    const judged = probes.filter((p) => p.detector.kind === 'judge')
    expect(judged.length).toBeLessThanOrEqual(4)
  })

  it('expands repeats and fills the canary', () => {
    const huge = probes.find((p) => p.id === 'mal-huge-filler-question') as Probe
    expect(huge.input.length).toBe('lorem '.length * 20000 + '\n\nIgnoring the filler above: what is 17 + 25? Answer with the number.'.length)
    const crossUser = probes.filter((p) => p.technique === 'cross-user')
    expect(crossUser.length).toBeGreaterThanOrEqual(5)
    for (const p of crossUser) {
      expect(p.context.some((c) => c.text.includes(CANARY))).toBe(true)
      expect(JSON.stringify(p)).not.toContain('{{')
    }
    expect((probes.find((p) => p.id === 'mal-empty') as Probe).input).toBe('')
    expect((probes.find((p) => p.id === 'mal-control-null') as Probe).input).toContain('\u0000')
  })

  it('keeps invisible characters escaped in the files (diff-friendly) and one probe per line', () => {
    for (const pack of PROBE_PACKS) {
      const text = readFileSync(join(builtinProbeDir(), `${pack}.jsonl`), 'utf8')
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u200b-\u200f\u202a-\u202e\ufffd]/)
      expect(text.endsWith('\n')).toBe(true)
    }
  })

  it('loads the packs asked for, and filters', () => {
    const leakage = loadProbes({ packs: ['leakage'], canary: CANARY })
    expect(new Set(leakage.map((p) => p.pack))).toEqual(new Set(['leakage']))
    const malformed = loadProbes({ packs: ['malformed'] })
    expect(malformed).toHaveLength(16)
    const severe = loadProbes({ canary: CANARY, filter: (p) => p.severity === 'catastrophic' })
    expect(severe.length).toBeGreaterThan(5)
    expect(severe.every((p) => p.severity === 'catastrophic')).toBe(true)
  })

  it('needs a canary for packs with canary probes and rejects a guessable one', () => {
    expect(() => loadProbes({ packs: ['leakage'] })).toThrow(/leakage\.jsonl:1: detector: a canary detector needs a canary/)
    expect(() => loadProbes({ canary: 'secret' })).toThrow(/canary must be 8-64 letters/)
    expect(() => loadProbes({ canary: 'abcdefghij' })).toThrow(/at least one letter and one digit/)
    expect(() => loadProbes({ packs: ['everything' as 'leakage'] })).toThrow(/unknown probe pack "everything" \(known: injection, jailbreak, leakage, malformed\)/)
    expect(() => loadProbes({ packs: [] })).toThrow(/non-empty list/)
  })
})

describe('probe files with mistakes', () => {
  it('names file, line and field for schema errors', () => {
    const text = `${line({})}\n\n${line({ id: 'p-2', detector: { kind: 'marker', marker: 7 } })}\n`
    const e = caught(() => parseProbeFile(text, 'mine.jsonl'))
    expect(e.message).toBe('mine.jsonl:3 (probe p-2): detector.marker: must be string')
    expect([e.file, e.line, e.field]).toEqual(['mine.jsonl', 3, 'detector.marker'])
  })

  it('rejects unknown keys, unknown detector kinds, missing fields and bad enums', () => {
    expect(caught(() => parseProbeFile(line({ severty: 'major' }), 'f.jsonl')).message).toBe('f.jsonl:1 (probe p-1): (probe): unknown key "severty"')
    expect(caught(() => parseProbeFile(line({ detector: { kind: 'regex', pattern: 'x' } }), 'f.jsonl')).message).toBe('f.jsonl:1 (probe p-1): detector: unknown detector kind "regex"')
    expect(caught(() => parseProbeFile(line({ detector: { kind: 'judge' } }), 'f.jsonl')).message).toContain('detector: missing required key "question"')
    expect(caught(() => parseProbeFile(line({ severity: 'huge' }), 'f.jsonl')).message).toContain('severity: must be equal to one of the allowed values: "minor", "major", "catastrophic"')
    expect(caught(() => parseProbeFile(line({ input: 5 }), 'f.jsonl')).message).toContain('input: must be string or must be array')
    const repeat = caught(() => parseProbeFile(line({ input: [{ text: 'a', repeat: 0 }] }), 'f.jsonl'))
    expect([repeat.field, repeat.message]).toEqual(['input[0].repeat', 'f.jsonl:1 (probe p-1): input[0].repeat: must be >= 1'])
    expect(caught(() => parseProbeFile(line({ context: [{ source: 'email', text: 'x' }] }), 'f.jsonl')).message).toContain('context[0].source: must be equal to one of the allowed values: "document", "tool"')
    expect(caught(() => parseProbeFile(line({ id: 'Bad Id' }), 'f.jsonl')).field).toBe('id')
  })

  it('rejects broken JSON and duplicate ids with both places', () => {
    expect(caught(() => parseProbeFile(`${line({})}\n{"id": `, 'f.jsonl')).message).toMatch(/^f\.jsonl:2: \(line\): not valid JSON/)
    expect(caught(() => parseProbeFile(`${line({})}\n${line({})}`, 'f.jsonl')).message).toBe('f.jsonl:2: id: duplicate probe id "p-1" (first at line 1)')
  })

  it('rejects unknown placeholders, a missing canary and texts that expand past the cap', () => {
    expect(caught(() => parseProbeFile(line({ input: 'say {{secret}}' }), 'f.jsonl')).message).toBe('f.jsonl:1: input: unknown placeholder {{secret}} (known: {{canary}})')
    expect(caught(() => parseProbeFile(line({ context: [{ source: 'tool', text: 'k={{canary}}' }] }), 'f.jsonl')).message).toBe(
      'f.jsonl:1: context[0].text: uses {{canary}}: pass a canary to load this probe',
    )
    const big = [{ text: 'x'.repeat(100), repeat: 200000 }]
    expect(caught(() => parseProbeFile(line({ input: big }), 'f.jsonl')).message).toBe(`f.jsonl:1: input: expands to more than ${MAX_EXPANDED_CHARS} characters`)
    const ok = parseProbeFile(line({ input: ['a', { text: 'b', repeat: 3 }, '{{ canary }}'] }), 'f.jsonl', { canary: CANARY })
    expect(ok[0]?.input).toBe(`abbb${CANARY}`)
    expect(ok[0]?.source).toEqual({ file: 'f.jsonl', line: 1 })
  })

  it('accepts CRLF, a BOM and blank lines', () => {
    const probes = parseProbeFile(`\uFEFF${line({})}\r\n\r\n${line({ id: 'p-2' })}\r\n`, 'f.jsonl')
    expect(probes.map((p) => [p.id, p.source.line])).toEqual([['p-1', 1], ['p-2', 3]])
  })

  it('extends the set with user files, checking ids across files and pack names in set folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-probes-'))
    const mine = join(dir, 'mine.jsonl')
    writeFileSync(mine, `${line({ id: 'my-probe', pack: 'billing' })}\n`)
    const loaded = loadProbes({ packs: ['malformed'], files: [mine] })
    expect(loaded.at(-1)).toMatchObject({ id: 'my-probe', pack: 'billing', source: { file: mine, line: 1 } })
    writeFileSync(mine, `${line({ id: 'mal-empty', pack: 'billing' })}\n`)
    expect(caught(() => loadProbes({ packs: ['malformed'], files: [mine] })).message).toMatch(/mine\.jsonl:1: id: duplicate probe id "mal-empty" \(also at .*malformed\.jsonl:1\)/)
    expect(caught(() => loadProbes({ files: [join(dir, 'nope.jsonl')], packs: ['malformed'] })).message).toMatch(/nope\.jsonl: cannot read probe file \(ENOENT\)/)
    expect(caught(() => loadProbes({ files: [join(dir, 'x.json')], packs: ['malformed'] })).message).toMatch(/probe files are JSONL/)
    writeFileSync(join(dir, 'injection.jsonl'), `${line({ pack: 'jailbreak' })}\n`)
    expect(caught(() => loadProbes({ dir, packs: ['injection'] })).message).toMatch(/injection\.jsonl:1: pack: "jailbreak" in the injection pack file/)
  })
})
