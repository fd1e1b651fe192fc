import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO_ROOT } from '../helpers/run-vitest.js'

// The built CLI as `npx evalgate` runs it: a node process on dist/cli/index.js (the package's `bin`).
const BIN = join(REPO_ROOT, 'dist/cli/index.js')
let dir: string

async function evalgate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evalgate-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npx evalgate', () => {
  test('package.json bin points at the built CLI, which starts with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin.evalgate).toBe('./dist/cli/index.js')
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })

  test('--help for every command exits 0', async () => {
    for (const args of [['--help'], ['select', '--help'], ['sample', '--help'], ['cache', '--help'], ['cache', 'stats', '--help'], ['cache', 'prune', '--help']]) {
      const run = await evalgate(...args)
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout).toMatch(/^Usage: evalgate/)
    }
  })

  test('wrong command lines exit 2, missing files exit 1, each with one clear line on stderr', async () => {
    expect(await evalgate('nope')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "nope"') })
    expect(await evalgate('sample', 'logs.jsonl', '--per-categroy', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --per-categroy') })
    expect(await evalgate()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: evalgate <command>') })
    const missing = await evalgate('select', 'missing.jsonl', '--budget-cases', '3')
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toMatch(/^evalgate select: .*missing\.jsonl: file not found$/)
    expect(await evalgate('cache', 'stats', '--dir', 'nowhere')).toMatchObject({ code: 1, stderr: expect.stringContaining('no cache folder at') })
  })

  test('select on the example eval set is deterministic across processes and keeps the critical cases', async () => {
    const cases = join(REPO_ROOT, 'example-suite/evals/tickets.jsonl')
    const critical = readFileSync(cases, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; critical?: boolean }).filter((c) => c.critical).map((c) => c.id)
    expect(critical.length).toBeGreaterThan(10)
    const args = ['select', cases, '--budget-cases', String(critical.length + 6), '--seed', '5', '--baselines', join(REPO_ROOT, 'snapshots')]
    const a = await evalgate(...args, '--out', 'a.json')
    const b = await evalgate(...args, '--out', 'b.json')
    expect(a.code, a.stderr).toBe(0)
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'))
    const subset = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { ids: string[]; reasons: Record<string, string> }
    expect(subset.ids).toHaveLength(critical.length + 6)
    expect(Object.entries(subset.reasons).filter(([, r]) => r === 'critical').map(([id]) => id).sort()).toEqual(critical.sort())
  })

  test('sample writes cases from logs; a malformed log line is reported as file:line', async () => {
    const logs = Array.from({ length: 9 }, (_, i) => JSON.stringify({ prompt: `q${i}`, task_type: i % 3 ? 'a' : 'b' }))
    writeFileSync(join(dir, 'logs.jsonl'), logs.join('\n') + '\n')
    const ok = await evalgate('sample', 'logs.jsonl', '--total', '4', '--out', 'cases.jsonl')
    expect(ok.code, ok.stderr).toBe(0)
    expect(readFileSync(join(dir, 'cases.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4)
    writeFileSync(join(dir, 'logs.jsonl'), logs.slice(0, 2).join('\n') + '\nnot json\n')
    const bad = await evalgate('sample', 'logs.jsonl', '--total', '4', '--out', 'cases.jsonl')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/logs\.jsonl:3: invalid JSON/)
  })
})
