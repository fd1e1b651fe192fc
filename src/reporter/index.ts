import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { readMeta } from '../meta/index.js'
import type { ResolvedOptions } from '../plugin/options.js'
import { summarizeRun, type TestEntry } from './summary.js'
import { formatSummary } from './terminal.js'

/** Collects every test's evalgate meta from finished test modules (also after --merge-reports). */
export function collectEntries(testModules: ReadonlyArray<TestModule>): TestEntry[] {
  const entries: TestEntry[] = []
  for (const mod of testModules) {
    for (const test of mod.children.allTests()) {
      const meta = readMeta(test.meta() as Record<string, unknown>)
      entries.push({
        file: mod.moduleId,
        name: test.fullName,
        state: test.result().state,
        meta: meta ?? { calls: [], matchers: [] },
      })
    }
  }
  return entries
}

/** Prints the evalgate summary after the run; Vitest's default reporter keeps running beside it. */
export class EvalgateReporter implements Reporter {
  private vitest: Vitest | undefined

  constructor(private readonly options: ResolvedOptions) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (!this.options.reporter.terminal) return
    const text = formatSummary(summarizeRun(collectEntries(testModules)))
    if (text) this.vitest?.logger.log(`\n${text}\n`)
  }
}
