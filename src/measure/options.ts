import { objectSlice } from '../util/options.js'

/** Plugin option `measure`: measurement of OpenAI-compatible calls made through `wrapOpenAI`. */
export interface MeasureOptions {
  /**
   * Ask streaming endpoints for token usage (`stream_options.include_usage`) when the caller did not.
   * The extra usage-only chunk is removed before the caller sees the stream. Default `true`.
   */
  requestUsage?: boolean
}

export interface ResolvedMeasureOptions {
  requestUsage: boolean
}

export const measureSlice = objectSlice<'measure', MeasureOptions, ResolvedMeasureOptions>('measure', { requestUsage: true }, {
  type: 'object',
  additionalProperties: false,
  properties: { requestUsage: { type: 'boolean' } },
})
