import type { TestProject } from 'vitest/node'
import { startModelServer, type ModelServer } from 'evalgate/testing'
import { createTriageModel } from './local-model.js'

declare module 'vitest' {
  interface ProvidedContext {
    modelBaseURL: string
    modelName: string
  }
}

let server: ModelServer | undefined

/**
 * Points the suite at a model: the real endpoint in OPENAI_BASE_URL when set (OPENAI_API_KEY, and
 * EVALGATE_MODEL for the model id), else evalgate's local OpenAI-compatible server with a scripted model.
 */
export async function setup(project: TestProject) {
  const external = process.env.OPENAI_BASE_URL
  if (external) {
    project.provide('modelBaseURL', external)
    project.provide('modelName', process.env.EVALGATE_MODEL ?? 'gpt-4o-mini')
    return
  }
  server = await startModelServer({ replies: createTriageModel(), latency: { mean: 120, sd: 30 }, ttft: { mean: 60, sd: 15 }, seed: 7 })
  project.provide('modelBaseURL', server.baseURL)
  project.provide('modelName', 'local-triage-model')
}

export async function teardown() {
  await server?.stop()
}
