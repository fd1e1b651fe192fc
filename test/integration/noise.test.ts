import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { noisyReplies, startModelServer } from '../../src/testing/index.js'
import { FIXTURES, REPO_ROOT, runVitest, type VitestRun } from '../helpers/run-vitest.js'

// The noise-aware gate through real `vitest run`s of test/fixtures/noise against the test server's seeded
// nondeterministic mode: each run gets its own server (a new seed = a new live run) with per-case p.
let root: string
const P_BASE: Record<string, number> = { 'det-stable': 1, 'det-drop': 1, 'noisy-a': 0.6, 'noisy-b': 0.5, 'noisy-drop': 0.6, 'critical-case': 0.85 }
const SUB = { 'sub-1': 1, 'sub-2': 1, 'sub-3': 1, 'sub-4': 1, 'sub-5': 1 }

async function run(args: string[], env: Record<string, string>, seed: string, p: Record<string, number>): Promise<VitestRun> {
  const server = await startModelServer({
    replies: noisyReplies({ seed, p: (req) => ({ ...P_BASE, ...SUB, ...p })[String(req.messages.at(-1)?.content)] ?? 1, right: () => 'right', wrong: () => 'wrong' }),
  })
  try {
    return await runVitest(root, args, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-noise-test', ...env }, 120_000)
  } finally {
    await server.stop()
  }
}
const ci = (seed: string, p: Record<string, number> = {}) => run([], { CI: 'true' }, seed, p)
const baseline = (file: string) => JSON.parse(readFileSync(join(root, 'snapshots', 'evals', `${file}.json`), 'utf8')) as { cases: Record<string, { trialCount?: number; trials?: { accuracy?: number[] } }> }
const verdictLine = (r: VitestRun) => r.stdout.split('\n').find((l) => l.includes('evalgate: run ')) ?? ''
const failedNames = (r: VitestRun) => [...r.tests.values()].filter((t) => t.state === 'failed').map((t) => t.name).sort()

beforeAll(async () => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'noise-'))
  cpSync(join(FIXTURES, 'noise'), root, { recursive: true })
  // Baselines from more evidence: -u on the whole eval set, 10 trials per case (baselines.trials).
  const rec = await run(['-u'], { EVALGATE_FULL: '1' }, 'record-1', {})
  if (rec.code !== 0) throw new Error(`recording failed:\n${rec.stdout}\n${rec.stderr}`)
}, 180_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the noise-aware gate through real vitest runs', () => {
  test('-u records every case from baselines.trials trials, scores kept per trial', () => {
    const noise = baseline('noise.eval.ts')
    expect(Object.keys(noise.cases).sort()).toEqual(['critical-case', 'det-drop', 'det-stable', 'noisy-a', 'noisy-b', 'noisy-drop'])
    for (const entry of Object.values(noise.cases)) expect(entry).toMatchObject({ trialCount: 10 })
    expect(noise.cases['det-stable']?.trials?.accuracy).toEqual(Array(10).fill(1))
    // The critical case's baseline is itself noisy (p = 0.85): its rule is the exact trial test.
    expect(new Set(noise.cases['critical-case']?.trials?.accuracy).size).toBe(2)
    expect(Object.keys(baseline('subset.eval.ts').cases)).toHaveLength(5)
  })

  test('unchanged live rerun on CI (noisy cases differ, one drops): passes; the verdict line agrees', async () => {
    const before = readFileSync(join(root, 'snapshots', 'evals', 'noise.eval.ts.json'), 'utf8')
    const r = await ci('live-1', { 'noisy-drop': 0 })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(failedNames(r)).toEqual([])
    expect(verdictLine(r)).toContain('evalgate: run passed (exit code 0)')
    expect(readFileSync(join(root, 'snapshots', 'evals', 'noise.eval.ts.json'), 'utf8')).toBe(before)
  })

  test('a subset under CI=true passes and deletes nothing; -u with the subset keeps the cases outside it', async () => {
    const before = readFileSync(join(root, 'snapshots', 'evals', 'subset.eval.ts.json'), 'utf8')
    const r = await run(['evals/subset.eval.ts'], { CI: 'true' }, 'live-sub', {})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect([...r.tests.values()].filter((t) => t.state === 'skipped').map((t) => t.name).sort()).toEqual(['subset sub-3', 'subset sub-4', 'subset sub-5'])
    expect(r.stdout + r.stderr).not.toContain('obsolete')
    expect(readFileSync(join(root, 'snapshots', 'evals', 'subset.eval.ts.json'), 'utf8')).toBe(before)
    const update = await run(['-u', 'evals/subset.eval.ts'], {}, 'live-sub-u', {})
    expect(update.code, update.stdout).toBe(0)
    expect(Object.keys(baseline('subset.eval.ts').cases)).toHaveLength(5)
  })

  test('tests filtered out by -t are not deletions: CI passes, -u keeps their entries', async () => {
    const before = readFileSync(join(root, 'snapshots', 'evals', 'noise.eval.ts.json'), 'utf8')
    const r = await run(['evals/noise.eval.ts', '-t', 'det-stable'], { CI: 'true' }, 'live-t', {})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout + r.stderr).not.toContain('obsolete')
    expect(readFileSync(join(root, 'snapshots', 'evals', 'noise.eval.ts.json'), 'utf8')).toBe(before)
    const update = await run(['-u', 'evals/noise.eval.ts', '-t', 'det-stable'], {}, 'live-t-u', {})
    expect(update.code, update.stdout).toBe(0)
    expect(Object.keys(baseline('noise.eval.ts').cases)).toHaveLength(6)
  })

  test('a deterministic drop still fails the case, naming the exact rule; the verdict line says the per-case rule', async () => {
    const r = await ci('live-2', { 'det-drop': 0 })
    expect(r.code).toBe(1)
    expect(failedNames(r)).toEqual(['det-drop'])
    const message = r.tests.get('det-drop')!.messages.join('\n')
    expect(message).toContain('evalgate baseline regression, per-case rule')
    expect(message).toContain('accuracy: 1.00 → 0.00 (Δ −1.00, exact rule, tolerance 0)')
    expect(message).toContain('vitest run -u evals/noise.eval.ts')
    expect(verdictLine(r)).toContain('evalgate: run FAILED (exit code 1): per-case rule failed 1 case')
  })

  test('a noisy critical case`s real drop fails on its exact trial test; the verdict line names the critical case', async () => {
    const r = await ci('live-3', { 'critical-case': 0 })
    expect(r.code).toBe(1)
    expect(failedNames(r)).toEqual(['critical-case'])
    expect(r.tests.get('critical-case')!.messages.join('\n')).toMatch(/accuracy: 0\.\d\d → 0\.00 \(Δ −0\.\d\d, critical case, exact trial test p 0\.0\d+\)/)
    expect(verdictLine(r)).toContain('evalgate: run FAILED (exit code 1): 1 critical case failed')
  })
})
