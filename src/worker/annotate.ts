/**
 * Worker side: after each test (and after its baseline check), annotate it with its evalgate numbers so
 * they show in @vitest/ui and the HTML reporter. Never fails a test.
 */
import { buildCaseRecord } from '../baseline/record.js'
import { readMeta } from '../meta/index.js'
import { pricingSlice } from '../baseline/options.js'
import { reporterSlice } from '../report/options.js'
import { optionSlice } from './context.js'
import { annotationMessage, metricAnnotationsOf } from '../report/annotation.js'

/** The part of Vitest's test context this uses (structural: Vitest 4.1 and 5). */
export interface AnnotatableContext {
  task: {
    meta: object
    repeats?: number
    result?: { state?: string; errors?: unknown[]; repeatCount?: number }
  }
  annotate?: (message: string, type?: string) => Promise<unknown>
}

/**
 * Adds the `evalgate` annotation to the test of `context` (last repeat only). Vitest 4.1 and 5 refuse
 * `annotate` once a test has its final state, which it already has in `afterEach`; the check is
 * synchronous, so the state reads `run` for the duration of that call only and is restored at once.
 */
export async function annotateCase(context: AnnotatableContext): Promise<void> {
  try {
    const { task } = context
    if (typeof context.annotate !== 'function') return
    if ((task.repeats ?? 0) > (task.result?.repeatCount ?? 0)) return
    const meta = readMeta(task.meta)
    if (!meta) return
    const passed = !task.result?.errors?.length
    const fallback = () => buildCaseRecord(meta, { passed, pricing: optionSlice(pricingSlice) })
    const message = annotationMessage(meta, fallback)
    if (!message) return
    const annotations = [{ type: 'evalgate', message }]
    if (optionSlice(reporterSlice).metricAnnotations === true) annotations.push(...metricAnnotationsOf(meta, fallback))
    const result = task.result
    const state = result?.state
    const pending: Array<Promise<unknown>> = []
    try {
      if (result && state !== undefined && state !== 'run') result.state = 'run'
      for (const a of annotations) pending.push(context.annotate(a.message, a.type))
    } finally {
      if (result && state !== undefined) result.state = state
    }
    await Promise.all(pending)
  } catch {
    // An annotation is a convenience: a runner that refuses it must not fail the test.
  }
}
