import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { runCli } from '../../../src/cli/main.js'

/** Output of one CLI run through `runCli` (no process). */
export interface CliRun {
  code: number
  out: string
  err: string
}

/** A fresh working directory per test; `cli(...)` runs the CLI in it, `write` puts files there. */
export function useCli(): { cwd: () => string; write: (name: string, content: string) => Promise<string>; cli: (...argv: string[]) => Promise<CliRun> } {
  let cwd = ''
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'evalgate-cli-'))
  })
  afterEach(() => rm(cwd, { recursive: true, force: true }))
  return {
    cwd: () => cwd,
    write: async (name, content) => {
      const path = join(cwd, name)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, content)
      return path
    },
    cli: async (...argv) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), cwd })
      return { code, out: out.join('\n'), err: err.join('\n') }
    },
  }
}

/** One JSON object per line. */
export const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'

/** A baseline file as evalgate writes it: case key → scores (and optional trials / latency). */
export function baseline(cases: Record<string, { pass: number; score?: number; trials?: number[]; latencyMs?: number }>, file = 'evals/a.eval.ts'): string {
  const out: Record<string, unknown> = {}
  for (const [key, c] of Object.entries(cases)) {
    out[key] = {
      scores: { pass: c.pass, ...(c.score === undefined ? {} : { quality: c.score }) },
      ...(c.trials ? { trials: { quality: c.trials } } : {}),
      latencyMs: c.latencyMs ?? null,
      ttftMs: null,
      tokens: null,
      costUsd: null,
      outputHash: null,
    }
  }
  return JSON.stringify({ version: 1, file, fingerprint: {}, cases: out }, null, 2)
}
