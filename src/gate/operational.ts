/**
 * Operational numbers of a suite: latency and TTFT percentiles of live model calls, tokens, cost and
 * failures by kind (format, refusal, judge FAIL, judge error, call errors).
 */
import type { CallErrorKind } from '../measure/types.js'
import type { MatcherRecord } from '../meta/index.js'
import { summarize } from '../stats/percentile.js'
import type { CaseResult, OperationalStats, Rate, TestInput } from './types.js'

function rate(records: readonly MatcherRecord[], hit: (r: MatcherRecord) => boolean): Rate {
  return { count: records.filter(hit).length, of: records.length }
}

/**
 * A `toRefuse` record that saw a refusal (`details.refused`, the raw finding: records store `pass` as the
 * assertion was written, so under `.not` pass means "no refusal"). Judge faults have no finding.
 */
function refused(r: MatcherRecord): boolean {
  return r.details?.refused === true
}

function sumOrNull(values: ReadonlyArray<number | null | undefined>): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return present.length ? Math.round(present.reduce((a, b) => a + b, 0) * 1e8) / 1e8 : null
}

/**
 * Aggregates the calls and matcher records of a suite's eval cases. Latency and TTFT use live model calls
 * only (a cache hit says nothing about the endpoint; judge calls are not the app's latency); cached calls
 * are counted. Failure kinds: a format error is a failed `toMatchSchema` check, a refusal a `toRefuse`
 * check that saw one (its raw outcome, `.not` or not), a judge FAIL a failed `toPassRubric` verdict and a judge error
 * a `toPassRubric` check where the judge gave no usable verdict (`details.fault`); call errors are final
 * failures (after the SDK's retries) by kind.
 */
export function operationalStats(tests: readonly TestInput[], cases: readonly CaseResult[]): OperationalStats {
  const calls = tests.flatMap((t) => t.meta.calls)
  const model = calls.filter((c) => c.kind !== 'judge')
  const judge = calls.filter((c) => c.kind === 'judge')
  const live = model.filter((c) => c.ok && !c.cached)
  const latencies = live.map((c) => c.totalMs).filter((v) => Number.isFinite(v))
  const ttfts = live.map((c) => c.ttftMs).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const tokens = (list: typeof calls, f: 'promptTokens' | 'completionTokens') => list.reduce((s, c) => s + (c[f] ?? 0), 0)
  const prompt = tokens(model, 'promptTokens')
  const completion = tokens(model, 'completionTokens')

  const records = tests.flatMap((t) => t.meta.matchers)
  const of = (name: string) => records.filter((r) => r.matcher === name)
  const rubric = of('toPassRubric')
  const byKind: Partial<Record<CallErrorKind, number>> = {}
  for (const c of calls) if (!c.ok && c.error) byKind[c.error.kind] = (byKind[c.error.kind] ?? 0) + 1
  const failedCalls = calls.filter((c) => !c.ok).length
  const cached = calls.filter((c) => c.cached)
  const attempts = calls.map((c) => (Number.isFinite(c.attempts) && c.attempts > 0 ? c.attempts : 1))

  const saturated = saturatedLoads(tests)
  return {
    calls: model.length,
    liveCalls: live.length,
    cachedCalls: model.filter((c) => c.cached).length,
    judgeCalls: judge.length,
    judgeCachedCalls: judge.filter((c) => c.cached).length,
    attempts: {
      total: attempts.reduce((a, b) => a + b, 0),
      retries: attempts.reduce((a, b) => a + b - 1, 0),
      retriedCalls: attempts.filter((a) => a > 1).length,
    },
    latency: latencies.length ? summarize(latencies) : null,
    ttft: ttfts.length ? summarize(ttfts) : null,
    tokens: { prompt, completion, total: prompt + completion, judge: tokens(judge, 'promptTokens') + tokens(judge, 'completionTokens'),
      replayed: tokens(cached, 'promptTokens') + tokens(cached, 'completionTokens'),
    },
    costUsd: sumOrNull(cases.map((c) => c.current.costUsd)),
    baselineCostUsd: sumOrNull(cases.map((c) => c.baseline?.costUsd)),
    failures: {
      format: rate(of('toMatchSchema'), (r) => !r.pass),
      refusal: rate(of('toRefuse'), refused),
      judgeFail: rate(rubric, (r) => !r.pass && r.details?.fault === undefined),
      judgeError: rate(rubric, (r) => r.details?.fault !== undefined),
      calls: { count: failedCalls, of: calls.length, byKind },
    },
    ...(saturated.length ? { clientSaturation: saturated } : {}),
  }
}

/** The load-mode records of the tests whose client was saturated (`details.clientSaturation.message`), in test order. */
function saturatedLoads(tests: readonly TestInput[]): Array<{ test: string; message: string }> {
  const out: Array<{ test: string; message: string }> = []
  for (const t of tests) {
    for (const r of t.meta.matchers) {
      const message = (r.details?.clientSaturation as { message?: unknown } | undefined)?.message
      if (typeof message === 'string') out.push({ test: t.name, message })
    }
  }
  return out
}
