/**
 * Load-mode accuracy: does `runLoad` on a `wrapOpenAI` client, run inside a real `vitest run` worker as
 * users run it, report the TTFT the server really has? The local model server streams every reply after a
 * fixed TTFT (300 ms) in 8 pieces of 4 tokens paced at 100 tokens/s; one `vitest run` per concurrency
 * level (50, 100, 200) drives 2 × concurrency streamed calls (after 5 warm-up calls) and writes the
 * LoadResult to a JSON file the harness reads, with the TTFT p50 of one wave of raw fetch calls in the same
 * worker (the floor on this machine, a diagnostic). Figures: reported TTFT p50 vs the server's, tokens/s p50 vs
 * the server's first-to-last rate, and any saturation warning / event-loop delay the LoadResult carries.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startModelServer } from 'evalgate/testing'
import { readLoadResult, type LooseLoadResult } from './load-result.js'
import { median } from './timing.js'
import { timedVitestRun } from './vitest-process.js'
import { writeFixture } from './suites.js'

export const LOAD_TTFT_MS = 300
export const LOAD_TOKENS_PER_SECOND = 100
const PIECES = Array.from({ length: 8 }, (_, i) => `alpha${i} beta${i} gamma${i} delta${i} `)
const PIECE_TOKENS = 4
/** What the server's pacing gives as completion tokens / (last chunk − first chunk). */
export const SERVER_TOKENS_PER_SECOND = (PIECES.length * PIECE_TOKENS) / (((PIECES.length - 1) * PIECE_TOKENS) / LOAD_TOKENS_PER_SECOND)
/** Reported TTFT p50 must be within this share of the server's (or a saturation warning be given). */
export const TTFT_TOLERANCE = 0.1

export interface LoadAccuracyRow {
  concurrency: number
  samples: number
  rounds: number
  /** Reported TTFT p50 per round and their median, ms. */
  ttftP50Ms: number[]
  medianTtftP50Ms: number
  /** Reported tokens/s p50 per round and their median. */
  tokensPerSecondP50: number[]
  medianTokensPerSecondP50: number
  /** TTFT p50 of raw fetch calls in the same worker (one wave at the same concurrency) per round, and their median, ms. */
  rawTtftP50Ms: number[]
  medianRawTtftP50Ms: number
  /** Calls that failed (over all rounds): a fault is never a pass. */
  errors: number
  /** A saturation warning, when the LoadResult gives one (text; first round that had it). */
  saturation?: string
  /** Event-loop delay, when the LoadResult gives one (as found, compacted to text). */
  eventLoopDelay?: string
}

const CONFIG = `import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/plugin'

export default defineConfig({ plugins: [evalgate()] })
`

const SUITE = `import { writeFileSync } from 'node:fs'
import OpenAI from 'openai'
import { test } from 'vitest'
import { runLoad, wrapOpenAI } from 'evalgate'

const client = wrapOpenAI(new OpenAI({ baseURL: process.env.BENCH_MODEL_URL, apiKey: 'bench', maxRetries: 0 }))
const concurrency = Number(process.env.BENCH_LOAD_CONCURRENCY)

test('load', async () => {
  const result = await runLoad(
    () => client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: 'load' }], stream: true }),
    { samples: Number(process.env.BENCH_LOAD_SAMPLES), concurrency, warmup: 5 },
  )
  // The floor on this machine: raw fetch in the same worker, one wave at the same concurrency, TTFT taken
  // when the first body bytes arrive (no SDK, no SSE parsing).
  const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'load' }], stream: true })
  const rawTtftMs = await Promise.all(Array.from({ length: concurrency }, async () => {
    const t0 = performance.now()
    const res = await fetch(process.env.BENCH_MODEL_URL + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    const ttft = performance.now() - t0
    while (!(await reader.read()).done);
    return ttft
  }))
  writeFileSync(process.env.BENCH_LOAD_OUT as string, JSON.stringify({ result, rawTtftMs }))
}, 120_000)
`

/** Runs the load row at each concurrency level, `rounds` times each (one `vitest run` per level and round). */
export async function runLoadAccuracy(levels: number[], rounds: number, samplesPerLevel: (c: number) => number, log: (line: string) => void): Promise<LoadAccuracyRow[]> {
  const server = await startModelServer({ ttft: LOAD_TTFT_MS, tokensPerSecond: LOAD_TOKENS_PER_SECOND, replies: () => ({ content: PIECES.join(''), pieces: PIECES }) })
  const dir = writeFixture({ id: 'load', title: 'load', tests: 1, modelCalls: 0, judgeCalls: 0, server: 'model', files: { 'vitest.config.ts': CONFIG, 'load.test.ts': SUITE } })
  const tmp = mkdtempSync(join(tmpdir(), 'evalgate-bench-load-'))
  const rows: LoadAccuracyRow[] = []
  try {
    for (const c of levels) {
      const samples = samplesPerLevel(c)
      const row: LoadAccuracyRow = { concurrency: c, samples, rounds, ttftP50Ms: [], medianTtftP50Ms: Number.NaN, tokensPerSecondP50: [], medianTokensPerSecondP50: Number.NaN, rawTtftP50Ms: [], medianRawTtftP50Ms: Number.NaN, errors: 0 }
      for (let round = 1; round <= rounds; round++) {
        server.reset()
        const out = join(tmp, `load-${c}-${round}.json`)
        const run = await timedVitestRun(dir, { env: { BENCH_MODEL_URL: server.baseURL, BENCH_LOAD_CONCURRENCY: String(c), BENCH_LOAD_SAMPLES: String(samples), BENCH_LOAD_OUT: out } })
        if (run.code !== 0 || run.passed !== 1) throw new Error(`bench: load row at concurrency ${c} did not run cleanly (exit ${run.code})\n${run.output}`)
        const written = JSON.parse(readFileSync(out, 'utf8')) as { result: LooseLoadResult; rawTtftMs: number[] }
        const reading = readLoadResult(written.result)
        row.rawTtftP50Ms.push(median(written.rawTtftMs))
        if (reading.samples !== samples) throw new Error(`bench: load row at concurrency ${c} returned ${reading.samples} samples, expected ${samples}`)
        row.errors += reading.errors
        row.ttftP50Ms.push(reading.ttftP50Ms)
        row.tokensPerSecondP50.push(reading.tokensPerSecondP50)
        row.saturation ??= reading.saturation
        row.eventLoopDelay ??= reading.eventLoopDelay
        log(`  load c=${String(c).padEnd(3)} round ${round}/${rounds}: TTFT p50 ${row.ttftP50Ms.at(-1)?.toFixed(0)} ms (raw fetch ${row.rawTtftP50Ms.at(-1)?.toFixed(0)} ms), tokens/s p50 ${row.tokensPerSecondP50.at(-1)?.toFixed(0)}${row.saturation ? `, saturation: ${row.saturation}` : ''}`)
      }
      row.medianTtftP50Ms = median(row.ttftP50Ms)
      row.medianTokensPerSecondP50 = median(row.tokensPerSecondP50)
      row.medianRawTtftP50Ms = median(row.rawTtftP50Ms)
      rows.push(row)
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
    await server.stop()
  }
  return rows
}
