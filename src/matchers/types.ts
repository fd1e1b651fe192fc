import type { JsonSchema } from '../schema/index.js'
import type { MatchSchemaOptions } from './toMatchSchema.js'
import type { LatencyExpectation } from './toStayUnderLatency.js'
import type { MatchBaselineOptions } from './toMatchBaseline.js'
import type { Criterion } from '../judge/index.js'
import type { RubricOptions } from './toPassRubric.js'
import type { SimilarityOptions } from './toBeSimilarTo.js'
import type { RefuseOptions } from './toRefuse.js'
import type { JudgeOptions } from '../endpoints/judge.js'
import type { GroundedOptions } from './toBeGrounded.js'
import type { TrajectoryOptions } from './toFollowTrajectory.js'

/**
 * evalgate's matchers as seen on `expect(received)`. `R` is what a synchronous matcher returns
 * (Vitest 5 passes it; for Vitest 4 it is `void`), `T` the received type.
 */
export interface EvalgateMatchers<R = void, T = unknown> {
  /** The output (string, JSON extracted) or value is valid for the JSON Schema. */
  toMatchSchema(schema: JsonSchema, options?: MatchSchemaOptions): R
  /**
   * Latency percentiles stay under the limits (ms). With an async function as received (load mode),
   * it is driven under load and the matcher must be awaited.
   */
  toStayUnderLatency(limits: LatencyExpectation): T extends (...args: never[]) => unknown ? Promise<void> : R
  /** Records the received score (in [0, 1]) as a named metric and compares it with this case's baseline. Await it. */
  toMatchBaseline(metric: string, options?: MatchBaselineOptions): Promise<void>
  /**
   * An LLM judge grades the output PASS/FAIL per criterion; passes when the weighted share of PASS reaches
   * `threshold` (default 1) and no critical criterion failed. A judge fault always fails. Await it.
   */
  toPassRubric(criteria: readonly Criterion[], options?: RubricOptions): Promise<void>
  /** Cosine similarity of the embeddings of output and `expected` is at least `threshold` (default 0.8). Await it. */
  toBeSimilarTo(expected: string, options?: SimilarityOptions): Promise<void>
  /** The output equals the label (or one of the labels), case, whitespace and surrounding punctuation ignored. */
  toMatchLabel(expected: string | readonly string[]): R
  /** The output is a refusal; with `{ judge }` the LLM judge decides and the matcher must be awaited. */
  toRefuse(options: RefuseOptions & { judge: true | JudgeOptions }): Promise<void>
  /** The output is a refusal, by heuristics (refusal phrasings, the completion's `refusal` field). */
  toRefuse(options?: RefuseOptions & { judge?: false }): R
  /** Some tool call is to function `name`, with JSON arguments valid for `argsSchema` when given. */
  toCallTool(name: string, argsSchema?: JsonSchema): R
  /** Every claim (sentence) of the output is supported by `context`, per an LLM judge; a failure is a `hallucination`. Await it. */
  toBeGrounded(context: string | readonly string[], options?: GroundedOptions): Promise<void>
  /** A chat transcript (messages with tool calls/results) follows the expected tools, order, steps, args; records trajectory.* scores. */
  toFollowTrajectory(spec: TrajectoryOptions): R
}
