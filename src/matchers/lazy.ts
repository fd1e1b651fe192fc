/**
 * The matchers as the worker setup file registers them: the same functions as `list.ts`, but the ones that
 * are always async (`async function`: their errors are rejections either way) load their module, and with it
 * the judge client, the openai SDK, embeddings and the record/replay cache, on first use. The sync matchers
 * are imported as they are (their heavy dependency, ajv, loads on the first schema compiled). Behaviour,
 * messages and `.not` are the implementations' own.
 */
import type { MatcherContext, MatcherResult } from './context.js'
import type * as list from './list.js'
import { toCallTool } from './toCallTool.js'
import { toFollowTrajectory } from './toFollowTrajectory.js'
import { toMatchLabel } from './toMatchLabel.js'
import { toMatchSchema } from './toMatchSchema.js'
import { toRefuse } from './toRefuse.js'
import { toStayUnderLatency } from './toStayUnderLatency.js'

type List = typeof list

/** An async matcher whose implementation is imported when it is first called. */
function lazy<K extends keyof List>(load: () => Promise<Pick<List, K>>, name: K): List[K] {
  const fn = async function (this: MatcherContext, ...args: unknown[]): Promise<MatcherResult> {
    const impl = (await load())[name] as unknown as (this: MatcherContext, ...a: unknown[]) => Promise<MatcherResult>
    return impl.apply(this, args)
  }
  return fn as unknown as List[K]
}

/** Every matcher of list.ts (a compile-time check keeps the names in step). */
export const lazyMatchers: List = {
  toMatchSchema,
  toStayUnderLatency,
  toMatchBaseline: lazy(() => import('./toMatchBaseline.js'), 'toMatchBaseline'),
  toPassRubric: lazy(() => import('./toPassRubric.js'), 'toPassRubric'),
  toBeSimilarTo: lazy(() => import('./toBeSimilarTo.js'), 'toBeSimilarTo'),
  toMatchLabel,
  toRefuse,
  toCallTool,
  toBeGrounded: lazy(() => import('./toBeGrounded.js'), 'toBeGrounded'),
  toFollowTrajectory,
}
