import type { JudgeFault } from '../judge/index.js'
import type { MatcherContext, MatcherResult } from './context.js'

/**
 * Thrown when the judge (or the embeddings endpoint) could not give a usable answer and the assertion is
 * negated: returning `pass: false` would make `.not` pass, and a fault must never pass.
 */
export class JudgeFaultError extends Error {
  override name = 'EvalgateJudgeFault'
  constructor(
    message: string,
    readonly fault: JudgeFault,
  ) {
    super(message)
  }
}

/** The lines that explain a fault in a failure message. */
export function faultLines(fault: JudgeFault, what = 'judge'): string[] {
  const lines = [`${what} fault (${fault.kind}): ${fault.message}`]
  if (fault.excerpt !== '') lines.push(`reply: ${JSON.stringify(fault.excerpt)}`)
  lines.push(`No verdict was taken: ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} fault fails the assertion, it is never a pass.`)
  return lines
}

/** A failed result for a fault; under `.not` it throws {@link JudgeFaultError} instead (so it still fails). */
export function faultResult(ctx: MatcherContext, message: string, fault: JudgeFault): MatcherResult {
  if (ctx.isNot) throw new JudgeFaultError(`${message}\n(.not does not turn a fault into a pass)`, fault)
  return { pass: false, message: () => message }
}
