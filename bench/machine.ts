import { readFileSync } from 'node:fs'
import { cpus, totalmem, release, platform } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.js'

/** The machine and toolchain a benchmark run happened on, for RESULTS.md. */
export interface MachineInfo {
  cpus: number
  cpuModel: string
  memoryGiB: number
  os: string
  node: string
  vitest: string
  openai: string
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

/** Collects {@link MachineInfo} (nproc = available parallelism, CPU model from /proc/cpuinfo via os.cpus). */
export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    vitest: versionOf('vitest'),
    openai: versionOf('openai'),
  }
}
