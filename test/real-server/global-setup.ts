import type { TestProject } from 'vitest/node'
import { startRealServer, type RealServer } from './server.js'

declare module 'vitest' {
  interface ProvidedContext {
    realBaseURL: string
    realPid: number
  }
}

let server: RealServer | undefined

/** One llama-server for the whole leg; teardown runs on failures too. */
export async function setup(project: TestProject) {
  server = await startRealServer()
  project.provide('realBaseURL', server.baseURL)
  project.provide('realPid', server.pid)
}

export async function teardown() {
  await server?.stop()
}
