/**
 * Peak RSS of a whole process tree (vitest main + its workers + any helper process), sampled from /proc:
 * every ~20 ms the tree is walked from the root pid through /proc/<pid>/task/<tid>/children and the VmRSS
 * of every process in it is summed; the figure is the highest sum. The sampling loop runs in a worker
 * thread (rss-sampler.ts), so a busy harness event loop (the model server lives there) cannot stretch it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

/** Sum of VmRSS over `root` and all its descendants, KiB (0 when the root is gone). */
export function treeRssKiB(root: number): number {
  let sum = 0
  const stack = [root]
  const seen = new Set<number>()
  while (stack.length) {
    const pid = stack.pop() as number
    if (seen.has(pid)) continue
    seen.add(pid)
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) sum += Number(m[1])
    } catch {
      continue // exited between the walk and the read
    }
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (child.trim()) stack.push(Number(child))
      }
    } catch {
      // exited
    }
  }
  return sum
}

/** Whether this system exposes what {@link treeRssKiB} reads (Linux with CONFIG_PROC_CHILDREN). */
export function canSampleTree(): boolean {
  try {
    readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    return true
  } catch {
    return false
  }
}

export interface TreeRssSampler {
  /** Stops sampling; the highest tree sum seen (MiB) and the number of samples taken. */
  stop(): Promise<{ peakMiB: number; samples: number }>
}

/** Starts sampling the tree under `pid` every `intervalMs` in a worker thread. */
export function sampleTreeRss(pid: number, intervalMs = 20): TreeRssSampler {
  // [0] stop flag, [1] peak KiB, [2] samples
  const shared = new Int32Array(new SharedArrayBuffer(12))
  const worker = new Worker(fileURLToPath(new URL('./rss-sampler.js', import.meta.url)), { workerData: { pid, intervalMs, shared } })
  const done = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve())
    worker.once('error', reject)
  })
  return {
    async stop() {
      Atomics.store(shared, 0, 1)
      Atomics.notify(shared, 0)
      await done
      return { peakMiB: Atomics.load(shared, 1) / 1024, samples: Atomics.load(shared, 2) }
    },
  }
}
