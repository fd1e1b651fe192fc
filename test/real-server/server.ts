/**
 * llama.cpp's `llama-server` with the tiny chat model of `../shared/realllm/` (beside the repository; env
 * `EVALGATE_REALLLM_DIR` overrides), started on 127.0.0.1 on a free port through its `start.sh`, and
 * always stopped: by the global teardown, and by a process exit hook if the run dies first.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Where llama-server, tiny-chat.gguf and start.sh live. */
export function realllmDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.EVALGATE_REALLLM_DIR || join(REPO_ROOT, '../shared/realllm'))
}

/** True when the real server can be started here (`.ci/run` skips the leg otherwise). */
export function realllmAvailable(dir = realllmDir()): boolean {
  return existsSync(join(dir, 'llama-server')) && existsSync(join(dir, 'start.sh'))
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => res(port))
    })
  })
}

export interface RealServer {
  baseURL: string
  pid: number
  stop(): Promise<void>
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Starts the server (start.sh waits for /health, 30 s at most) and returns its base URL and PID. */
export async function startRealServer(dir = realllmDir()): Promise<RealServer> {
  if (!realllmAvailable(dir)) throw new Error(`real-server leg: no llama-server in ${dir} (set EVALGATE_REALLLM_DIR)`)
  const port = await freePort()
  const stdout = await new Promise<string>((res, rej) =>
    execFile('bash', [join(dir, 'start.sh'), String(port)], { timeout: 60_000 }, (error, out, err) =>
      error ? rej(new Error(`real-server leg: start.sh ${port} failed: ${err || error.message}`)) : res(out),
    ),
  )
  const pid = Number(stdout.trim().split('\n').at(-1))
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`real-server leg: start.sh printed no PID: ${JSON.stringify(stdout)}`)
  const kill = () => {
    if (alive(pid)) process.kill(pid, 'SIGTERM')
  }
  process.once('exit', kill)
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    pid,
    async stop() {
      process.removeListener('exit', kill)
      kill()
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100))
      if (alive(pid)) process.kill(pid, 'SIGKILL')
    },
  }
}
