import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO_ROOT, runVitest } from '../helpers/run-vitest.js'

// The example suite in a temp copy inside the repository (so `import 'evalgate'` resolves to this package),
// driven through the life of a baseline: first run, rerun, degraded prompt, CI, -u, new and removed cases.
let root: string
let suite: string
let baselineFile: string
const read = () => readFileSync(baselineFile, 'utf8')
const run = (args: string[] = [], env: Record<string, string | undefined> = {}) => runVitest(suite, args, env, 120_000)

beforeAll(() => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'baseline-'))
  suite = join(root, 'example-suite')
  cpSync(join(REPO_ROOT, 'example-suite'), suite, { recursive: true })
  baselineFile = join(root, 'snapshots', 'evals', 'triage.eval.ts.json')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('baselines through real vitest runs of the example suite', () => {
  test('first run writes the baselines; an unchanged rerun passes and leaves the file untouched', async () => {
    const first = await run()
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(existsSync(baselineFile)).toBe(true)
    const written = read()
    // Every test of the concurrent suite has its entry (writes of tests finishing together are not lost).
    // (evals/agent.eval.ts adds 5 tests with their own baseline file: 4 probes and 1 trajectory.)
    expect(Object.keys(JSON.parse(written).cases)).toHaveLength(first.tests.size - 5)
    const reply = JSON.parse(written).cases['reply > billing-01a']
    expect(reply.scores).toEqual({ mentions_next_steps: 1, pass: 1, toPassRubric: 1 })
    // Replies run K = 3 trials: the baseline keeps each trial's score.
    expect(reply.trials).toEqual({ mentions_next_steps: [1, 1, 1], toPassRubric: [1, 1, 1] })
    // ~190 cases: an unchanged rerun is provably non-inferior on the big metrics, not just "inconclusive".
    const again = await run()
    expect(again.code, again.stdout).toBe(0)
    expect(again.stdout).toMatch(/accuracy +191 .* non-inferior/)
    expect(again.stdout).toMatch(/mentions_next_steps +191 .* non-inferior/)
    expect(read()).toBe(written)
  })

  test('CI mode with an unchanged app passes without writing', async () => {
    const before = read()
    const ci = await run([], { CI: 'true' })
    expect(ci.code, ci.stdout + ci.stderr).toBe(0)
    expect(read()).toBe(before)
  })

  test('a degraded prompt fails the regressed cases, locally and on CI, without touching the baseline', async () => {
    const before = read()
    const prompts = join(suite, 'src', 'prompts.ts')
    writeFileSync(prompts, readFileSync(prompts, 'utf8').replace('and give clear next steps', 'and keep it short'))
    for (const env of [{}, { CI: 'true' }]) {
      const degraded = await run([], env)
      expect(degraded.code).toBe(1)
      const failed = [...degraded.tests.values()].filter((t) => t.state === 'failed')
      // Only replies regress. Deterministic reply cases (every trial agreed, before and now) fail on the
      // per-case exact rule; noisy ones are left to the suite gate (asserted below).
      expect(failed.length).toBeGreaterThan(0)
      expect(failed.every((t) => t.name.startsWith('reply '))).toBe(true)
      expect(failed.length).toBeLessThan(191)
      const message = failed[0]!.messages.join('\n')
      expect(message).toMatch(/Snapshot `reply > .*` mismatched: evalgate baseline regression/)
      expect(message).toMatch(/mentions_next_steps: 1\.00 → 0\.\d\d \(Δ −\d\.\d\d, exact rule, tolerance 0\)/)
      expect(message).toContain('vitest run -u')
      // The evalgate report names the suite verdict and what changed since the baseline.
      expect(degraded.stdout).toMatch(/evals\/triage\.eval\.ts +DEGRADED/)
      // The suite gate, not only the per-case check, calls it: the paired test over 191 cases, K = 3.
      expect(degraded.stdout).toMatch(/mentions_next_steps +191 +0\.9\d +0\.\d\d +−0\.\d\d .* DEGRADED/)
      expect(degraded.stdout).toMatch(/toPassRubric +35 .* DEGRADED/)
      expect(degraded.stdout).toContain('prompt reply changed')
      // `pass` is the outcome after the baseline check: the failing reply tests count as not passed.
      // (Only the triage suite's block: evals/agent.eval.ts, unchanged, keeps pass 1.00 → 1.00.)
      expect(degraded.stdout.slice(degraded.stdout.search(/evals\/triage\.eval\.ts +DEGRADED/))).not.toMatch(/\bpass +\d+ +1\.00 +1\.00/)
      expect(degraded.stdout).toMatch(/\bpass +575 +1\.00 +0\.\d\d +−0\.\d\d .*DEGRADED/)
      expect(read()).toBe(before)
    }
  })

  test('-u accepts the new baseline; CI then passes', async () => {
    const update = await run(['-u'])
    expect(update.code, update.stdout).toBe(0)
    const accepted = JSON.parse(read())
    expect(accepted.cases['reply > billing-01a'].scores.mentions_next_steps).toBeLessThan(1)
    const ci = await run([], { CI: 'true' })
    expect(ci.code, ci.stdout).toBe(0)
  })

  test('EVALGATE_EXAMPLE_LIMIT runs a bounded subset over every category; the rest is skipped, not obsolete', async () => {
    const before = read()
    const limited = await run([], { CI: 'true', EVALGATE_EXAMPLE_LIMIT: '12' })
    expect(limited.code, limited.stdout + limited.stderr).toBe(0)
    const ran = [...limited.tests.values()].filter((t) => t.state === 'passed' && t.name.startsWith('classify '))
    expect(ran).toHaveLength(12)
    // Round-robin over the six categories: two of each.
    expect(new Set(ran.map((t) => t.name.replace(/^classify (\w+)-.*$/, '$1')))).toEqual(new Set(['billing', 'bug', 'account', 'shipping', 'feature', 'other']))
    expect([...limited.tests.values()].filter((t) => t.state === 'skipped')).toHaveLength(3 * (191 - 12))
    expect(limited.stdout + limited.stderr).not.toContain('obsolete')
    expect(read()).toBe(before)
    const bad = await run([], { EVALGATE_EXAMPLE_LIMIT: 'ten' })
    expect(bad.code).toBe(1)
    expect(bad.stdout + bad.stderr).toContain('EVALGATE_EXAMPLE_LIMIT must be an integer >= 1, got "ten"')
  })

  test('CI refuses to write a new case, and fails on obsolete entries', async () => {
    const before = read()
    const tickets = join(suite, 'evals', 'tickets.jsonl')
    const original = readFileSync(tickets, 'utf8')
    appendFileSync(tickets, JSON.stringify({ id: 'bug-new-case', input: 'The export button throws an error.', expected: { category: 'bug', priority: 'normal' }, category: 'bug' }) + '\n')
    const added = await run([], { CI: 'true' })
    expect(added.code).toBe(1)
    const missing = added.tests.get('classify bug-new-case')!
    expect(missing.state).toBe('failed')
    expect(missing.messages.join('\n')).toContain('no baseline for "classify > bug-new-case"')
    expect(missing.messages.join('\n')).toContain('never written on CI')
    expect(read()).toBe(before)

    writeFileSync(tickets, original.split('\n').filter((l) => !l.includes('"other-01a"')).join('\n'))
    const removed = await run([], { CI: 'true' })
    expect(removed.code).toBe(1)
    expect(removed.stdout + removed.stderr).toContain('obsolete baseline entries')
    expect(removed.stdout + removed.stderr).toContain('classify > other-01a')
    expect(read()).toBe(before)
    const cleanup = await run(['-u'])
    expect(cleanup.code).toBe(0)
    expect(read()).not.toContain('other-01a')
    writeFileSync(tickets, original)
  })

  test('a corrupt baseline file fails with its path named', async () => {
    writeFileSync(baselineFile, '{ "version": 1, "cases": ')
    const corrupt = await run([], { CI: 'true' })
    expect(corrupt.code).toBe(1)
    expect(corrupt.stdout + corrupt.stderr).toMatch(/baseline file .*triage\.eval\.ts\.json is corrupt: not valid JSON/)
  })
})
