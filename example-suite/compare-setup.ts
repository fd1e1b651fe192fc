import type { TestProject } from 'vitest/node'
import { startModelServer, type ModelServer } from 'evalgate/testing'
import { createTriageModel } from './local-model.js'
import { createQuantizedModel } from './quantized-model.js'
import { COMPARE_PORTS } from './compare-ports.js'

// Global setup of the model-selection example (compare.config.ts): both candidates' local servers, on fixed
// ports so the config can name them. Each candidate project runs this setup; the servers start once (in the
// main process) and stop with the last project.
const KEY = Symbol.for('evalgate.example.compare-servers')
type Shared = { servers: Promise<ModelServer[]>; users: number }
const shared = globalThis as unknown as Record<symbol, Shared | undefined>

export async function setup(project: TestProject) {
  const s = (shared[KEY] ??= {
    users: 0,
    servers: Promise.all([
      startModelServer({ port: COMPARE_PORTS.current, replies: createTriageModel(), latency: { mean: 120, sd: 30 }, ttft: { mean: 60, sd: 15 }, seed: 7 }),
      startModelServer({ port: COMPARE_PORTS.quantized, replies: createQuantizedModel(), latency: { mean: 45, sd: 10 }, ttft: { mean: 20, sd: 5 }, seed: 7 }),
    ]),
  })
  s.users++
  const [current] = await s.servers
  // The judge of toPassRubric stays on the reference's endpoint for every candidate.
  project.provide('modelBaseURL', current!.baseURL)
  project.provide('modelName', 'local-triage-model')
}

export async function teardown() {
  const s = shared[KEY]
  if (!s || --s.users > 0) return
  shared[KEY] = undefined
  for (const server of await s.servers) await server.stop()
}
