import type { JsonSchema } from '../schema/index.js'
import type { MatchSchemaOptions } from './toMatchSchema.js'
import type { LatencyExpectation } from './toStayUnderLatency.js'
import type { MatchBaselineOptions } from './toMatchBaseline.js'

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
}
