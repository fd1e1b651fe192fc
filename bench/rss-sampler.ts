/** Worker thread of rss.ts: samples the process tree's RSS until told to stop (see sampleTreeRss). */
import { workerData } from 'node:worker_threads'
import { treeRssKiB } from './rss.js'

const { pid, intervalMs, shared } = workerData as { pid: number; intervalMs: number; shared: Int32Array }
while (Atomics.load(shared, 0) === 0) {
  const kib = treeRssKiB(pid)
  if (kib > Atomics.load(shared, 1)) Atomics.store(shared, 1, kib)
  Atomics.add(shared, 2, 1)
  Atomics.wait(shared, 0, 0, intervalMs)
}
