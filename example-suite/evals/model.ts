import OpenAI from 'openai'
import { inject } from 'vitest'
import { candidate, wrapOpenAI } from 'evalgate'
import { createTriageApp } from '../src/app.js'
import { exampleJudgeMaxTokens, exampleTemperature } from './run-knobs.js'

/** The app under test, wired to the endpoint chosen in global-setup.ts, with every call measured. */
export function makeApp() {
  // Model selection (compare.config.ts): each candidate project talks to its own endpoint.
  if ((inject as (key: string) => unknown)('evalgate:candidate')) return candidateApp()
  const client = wrapOpenAI(
    new OpenAI({ baseURL: inject('modelBaseURL'), apiKey: process.env.OPENAI_API_KEY ?? 'local-no-key', maxRetries: 2, timeout: 30_000 }),
  )
  const model = inject('modelName')
  // The judge of toPassRubric: the same endpoint (the local server answers the judge protocol too), or
  // EVALGATE_JUDGE_MODEL on a real endpoint.
  const maxTokens = exampleJudgeMaxTokens()
  const judge = {
    baseURL: inject('modelBaseURL'),
    apiKey: process.env.EVALGATE_JUDGE_API_KEY ?? process.env.OPENAI_API_KEY ?? 'local-no-key',
    model: process.env.EVALGATE_JUDGE_MODEL ?? model,
    ...(maxTokens === undefined ? {} : { maxTokens }),
  }
  return { app: createTriageApp(client, model, { temperature: exampleTemperature() }), client, model, judge }
}

/** The app on the candidate this project runs (`npm run example:compare`); the judge stays on the reference. */
function candidateApp() {
  const { client, model } = candidate()
  const maxTokens = exampleJudgeMaxTokens()
  const judge = { baseURL: inject('modelBaseURL'), apiKey: 'local-no-key', model: inject('modelName'), ...(maxTokens === undefined ? {} : { maxTokens }) }
  return { app: createTriageApp(client, model, { temperature: exampleTemperature() }), client, model, judge }
}
