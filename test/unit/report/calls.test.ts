import { describe, expect, it } from 'vitest'
import { summarizeRun, type TestEntry, formatSummary } from '../../../src/report/calls.js'

const entry = (name: string, matchers: TestEntry['meta']['matchers']): TestEntry => ({ file: 'a.eval.ts', name, state: 'passed', meta: { calls: [], matchers } })

describe('run-wide summary of matcher records', () => {
  it('record() scores are per metric, never pooled across unrelated metrics', () => {
    const entries = [
      entry('a', [{ matcher: 'record', metric: 'accuracy', pass: true, score: 1 }, { matcher: 'record', metric: 'latency_ok', pass: true, score: 0 }]),
      entry('b', [{ matcher: 'record', metric: 'accuracy', pass: true, score: 0 }, { matcher: 'toMatchSchema', pass: false, score: 0.5 }]),
    ]
    const summary = summarizeRun(entries)
    expect(summary.matchers).toEqual([
      { matcher: 'record', metric: 'accuracy', passed: 2, failed: 0, meanScore: 0.5 },
      { matcher: 'record', metric: 'latency_ok', passed: 1, failed: 0, meanScore: 0 },
      { matcher: 'toMatchSchema', passed: 0, failed: 1, meanScore: 0.5 },
    ])
    const text = formatSummary(summary, { color: false })
    expect(text).toContain('record(accuracy): 2 recorded (mean 0.50) · record(latency_ok): 1 recorded (mean 0.00) · toMatchSchema: 0 passed, 1 failed (mean 0.50)')
    expect(text).not.toMatch(/record: \d+ passed/)
  })
})
