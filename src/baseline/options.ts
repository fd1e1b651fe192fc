import type { OptionSlice } from '../util/options.js'
import { objectSlice } from '../util/options.js'

/** Plugin option `baselines`: score baselines stored in the repository. */
export interface BaselinesOptions {
  /** Record and compare baselines. Default `true`. */
  enabled?: boolean
  /** Folder of the baseline files, relative to the project root. Default `'snapshots'`. */
  dir?: string
  /**
   * Trials per case when baselines are re-recorded with `vitest run -u`: `evalCases` runs each case
   * max(`cases.trials`, this) times, so the baseline holds more evidence than a PR run. Default 1.
   */
  trials?: number
}

export interface ResolvedBaselinesOptions {
  enabled: boolean
  dir: string
  trials: number
  /** The run re-records baselines (`-u`), set by the plugin per project. */
  updating?: boolean
}

export const baselinesSlice = objectSlice<'baselines', BaselinesOptions, ResolvedBaselinesOptions>('baselines', { enabled: true, dir: 'snapshots', trials: 1 }, {
  type: 'object',
  additionalProperties: false,
  properties: { enabled: { type: 'boolean' }, dir: { type: 'string', minLength: 1 }, trials: { type: 'integer', minimum: 1 } },
})

/** Plugin option `pricing`: USD per one million tokens, by model id, for the cost figures of case records. */
export type Pricing = Record<string, { input: number; output: number }>

export const pricingSlice: OptionSlice<'pricing', Pricing, Pricing> = {
  key: 'pricing',
  defaults: {},
  schema: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      required: ['input', 'output'],
      properties: { input: { type: 'number', minimum: 0 }, output: { type: 'number', minimum: 0 } },
    },
  },
  resolve: (given) => ({ ...given }),
}
