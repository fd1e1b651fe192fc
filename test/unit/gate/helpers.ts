/** Hand-made test metas for the suite gate's unit tests. */
import type { BaselineStatus, CaseRecord, FileBaselineMeta, Fingerprint } from '../../../src/baseline/types.js'
import type { GateSettings, SuiteInput, TestInput } from '../../../src/gate/types.js'
import type { CallMeasurement } from '../../../src/measure/types.js'
import type { MatcherRecord } from '../../../src/meta/index.js'

export const SETTINGS: GateSettings = { alpha: 0.05, margin: 0.02, method: 'auto', seed: 0, failOnDegraded: true }

export function record(scores: Record<string, number>, extra: Partial<CaseRecord> = {}): CaseRecord {
  return { scores: { pass: 1, ...scores }, latencyMs: null, ttftMs: null, tokens: null, costUsd: null, outputHash: null, ...extra }
}

export interface CaseSpec {
  name: string
  baseline: CaseRecord | null
  current: CaseRecord
  status?: BaselineStatus
  state?: TestInput['state']
  calls?: CallMeasurement[]
  matchers?: MatcherRecord[]
}

/** A test whose worker left a baseline outcome (status defaults from the records). */
export function test_(spec: CaseSpec): TestInput {
  const status = spec.status ?? (spec.baseline ? 'matched' : 'written')
  return {
    name: spec.name,
    state: spec.state ?? 'passed',
    meta: {
      calls: spec.calls ?? [],
      matchers: spec.matchers ?? [{ matcher: 'record', metric: 'x', pass: true, score: 1 }],
      baseline: { key: spec.name, status, baseline: spec.baseline, current: spec.current, regressions: [] },
    },
  }
}

export function fingerprint(extra: Partial<Fingerprint> = {}): Fingerprint {
  return { prompts: {}, models: [], judgeModels: [], judgePromptVersions: [], retrieval: null, other: {}, ...extra }
}

export function fileMeta(extra: Partial<FileBaselineMeta> = {}): FileBaselineMeta {
  return {
    file: 'evals/a.eval.ts',
    baselinePath: 'snapshots/evals/a.eval.ts.json',
    fingerprint: fingerprint(),
    baselineFingerprint: fingerprint(),
    obsolete: [],
    obsoleteRemoved: false,
    written: false,
    ...extra,
  }
}

export function suite(tests: TestInput[], extra: Partial<SuiteInput> = {}): SuiteInput {
  return { file: 'evals/a.eval.ts', moduleId: '/repo/evals/a.eval.ts', project: '', fileMeta: fileMeta(), tests, ...extra }
}

/**
 * n binary cases of one metric: all pass in the baseline, `drops` of them fail now (the first ones),
 * and `fixes` more cases that failed before and pass now.
 */
export function binarySuite(metric: string, n: number, drops: number, opts: { fixes?: number; category?: (i: number) => string; critical?: (i: number) => boolean } = {}): TestInput[] {
  return Array.from({ length: n }, (_, i) => {
    const fixed = i >= n - (opts.fixes ?? 0)
    const before = fixed ? 0 : 1
    const after = i < drops ? 0 : 1
    const tag = { ...(opts.category ? { category: opts.category(i) } : {}), ...(opts.critical?.(i) ? { critical: true } : {}) }
    return test_({
      name: `case ${String(i).padStart(3, '0')}`,
      baseline: record({ [metric]: before }, tag),
      current: record({ [metric]: after }, tag),
      status: after < before ? 'regressed' : 'matched',
    })
  })
}

/** A measured call with defaults. */
export function call(extra: Partial<CallMeasurement> = {}): CallMeasurement {
  return {
    kind: 'chat',
    model: 'm',
    stream: false,
    startedAt: 0,
    totalMs: 100,
    ttftMs: null,
    promptTokens: 10,
    completionTokens: 5,
    totalTokens: 15,
    tokensPerSecond: null,
    attempts: 1,
    ok: true,
    ...extra,
  }
}
