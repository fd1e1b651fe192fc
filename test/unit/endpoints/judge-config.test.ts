import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../../../src/plugin/options.js'
import { firstSet, JudgeConfigError, resolveJudgeConfig, DEFAULT_JUDGE_OPTIONS } from '../../../src/endpoints/judge.js'

const plugin = { ...DEFAULT_JUDGE_OPTIONS }

describe('resolveJudgeConfig', () => {
  it('takes the call override, then the plugin options, then env', () => {
    const env = { EVALGATE_JUDGE_MODEL: 'env-model', EVALGATE_JUDGE_API_KEY: 'env-key', OPENAI_API_KEY: 'openai-key', EVALGATE_JUDGE_BASE_URL: 'http://env/v1', OPENAI_BASE_URL: 'http://openai/v1' }
    expect(resolveJudgeConfig('t', undefined, plugin, env)).toMatchObject({ model: 'env-model', apiKey: 'env-key', baseURL: 'http://env/v1', temperature: 0, votes: 1, structured: true, timeout: 60_000, maxRetries: 2 })
    const withPlugin = { ...plugin, model: 'p-model', apiKey: 'p-key', baseURL: 'http://p/v1', votes: 3 }
    expect(resolveJudgeConfig('t', undefined, withPlugin, env)).toMatchObject({ model: 'p-model', apiKey: 'p-key', baseURL: 'http://p/v1', votes: 3 })
    expect(resolveJudgeConfig('t', { model: 'c-model', votes: 5, structured: false, seed: 7 }, withPlugin, env)).toMatchObject({ model: 'c-model', apiKey: 'p-key', votes: 5, structured: false, seed: 7 })
  })

  it('falls back to OPENAI_API_KEY / OPENAI_BASE_URL and treats empty strings as unset', () => {
    const env = { EVALGATE_JUDGE_API_KEY: '', OPENAI_API_KEY: 'openai-key', OPENAI_BASE_URL: 'http://openai/v1' }
    expect(resolveJudgeConfig('t', { model: 'm', apiKey: ' ' }, plugin, env)).toMatchObject({ apiKey: 'openai-key', baseURL: 'http://openai/v1' })
    expect(resolveJudgeConfig('t', { model: 'm' }, plugin, { OPENAI_API_KEY: 'k' }).baseURL).toBeUndefined()
    expect(firstSet(undefined, '', '  ', 'x')).toBe('x')
  })

  it('says how to configure a missing model or key, never printing a key', () => {
    expect(() => resolveJudgeConfig('toPassRubric', undefined, plugin, { OPENAI_API_KEY: 'sk-secret' })).toThrow(JudgeConfigError)
    try {
      resolveJudgeConfig('toPassRubric', undefined, plugin, { OPENAI_API_KEY: 'sk-secret' })
    } catch (error) {
      expect((error as Error).message).toMatch(/^toPassRubric: no judge model is configured\. Configure the judge in vitest\.config\.ts/)
      expect((error as Error).message).toContain('EVALGATE_JUDGE_MODEL')
      expect((error as Error).message).not.toContain('sk-secret')
    }
    expect(() => resolveJudgeConfig('t', { model: 'm' }, plugin, {})).toThrow(/no judge API key is configured.*EVALGATE_JUDGE_API_KEY \(or OPENAI_API_KEY\)/)
  })

  it('validates the per-call override, naming the option and not its value', () => {
    expect(() => resolveJudgeConfig('t', { votes: 0 }, plugin, {})).toThrow('t: option "options.judge.votes" must be >= 1')
    expect(() => resolveJudgeConfig('t', { temperature: 3, modle: 'x' }, plugin, {})).toThrow(/unknown option "options\.judge\.modle".*options\.judge\.temperature" must be <= 2/)
    expect(() => resolveJudgeConfig('t', { apiKey: 42 }, plugin, {})).toThrow(/options\.judge\.apiKey" must be string/)
    expect(() => resolveJudgeConfig('t', 'gpt-4o', plugin, {})).toThrow(/options\.judge" must be object/)
  })
})

describe('plugin options judge and embeddings', () => {
  it('have defaults and keep what is given', () => {
    expect(resolveOptions({}).judge).toEqual(DEFAULT_JUDGE_OPTIONS)
    expect(resolveOptions({}).embeddings).toEqual({})
    expect(resolveOptions({ judge: { model: 'm', votes: 3 }, embeddings: { model: 'e' } })).toMatchObject({ judge: { model: 'm', votes: 3, temperature: 0 }, embeddings: { model: 'e' } })
  })

  it('reject bad values naming the option, never the key', () => {
    const bad = () => resolveOptions({ judge: { apiKey: 'sk-plugin-secret', votes: 0, timeout: 0, maxRetries: 1.5 }, embeddings: { apiKey: 7 } })
    expect(bad).toThrow(/judge\.votes" must be >= 1/)
    expect(bad).toThrow(/judge\.timeout" must be > 0/)
    expect(bad).toThrow(/judge\.maxRetries" must be integer/)
    expect(bad).toThrow(/embeddings\.apiKey" must be string/)
    expect(bad).not.toThrow(/sk-plugin-secret/)
  })
})
