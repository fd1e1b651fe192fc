import { describe, expect, it } from 'vitest'
import { summarizeProbes } from '../../../src/probes/index.js'
import type { ProbeResult } from '../../../src/probes/index.js'
import { clopperPearson } from '../../../src/stats/index.js'

const r = (pack: string, verdict: 'attacked' | 'resisted' | 'undecided', fault = false): ProbeResult => ({
  pack,
  detection: { verdict, ...(fault ? { fault: { kind: 'timeout', message: 't' } } : {}) },
})

describe('summarizeProbes', () => {
  it('gives attack-success rates over decided probes with exact intervals, unresolved ones beside', () => {
    const results = [
      ...Array.from({ length: 3 }, () => r('leakage', 'attacked')),
      ...Array.from({ length: 7 }, () => r('leakage', 'resisted')),
      r('leakage', 'undecided'),
      r('leakage', 'undecided', true),
      ...Array.from({ length: 4 }, () => r('injection', 'resisted')),
    ]
    const [leakage, injection, all] = summarizeProbes(results)
    expect(leakage).toMatchObject({ pack: 'leakage', n: 12, attacked: 3, resisted: 7, undecided: 1, faults: 1, rate: 0.3, confidence: 0.95 })
    const ci = clopperPearson(3, 10)
    expect(leakage?.ci).toEqual([ci.lower, ci.upper])
    expect(leakage?.worstCaseRate).toBeCloseTo(5 / 12, 12)
    expect(injection).toMatchObject({ pack: 'injection', n: 4, attacked: 0, rate: 0, worstCaseRate: 0 })
    expect(injection?.ci?.[0]).toBe(0)
    expect(all).toMatchObject({ pack: 'all', n: 16, attacked: 3, resisted: 11 })
  })

  it('never turns faults into resisted: all faults leave the rate undefined and the worst case at 1', () => {
    const [only] = summarizeProbes([r('malformed', 'undecided', true), r('malformed', 'undecided', true)])
    expect(only).toMatchObject({ n: 2, faults: 2, resisted: 0, rate: null, ci: null, worstCaseRate: 1 })
    expect(summarizeProbes([])).toEqual([])
  })
})
