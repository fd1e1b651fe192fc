/**
 * Reads what evalgate needs from Vitest's finished test modules: the same data after a normal run and after
 * `--merge-reports` (task meta travels in blob reports), never worker-side state.
 */
import { relative, sep } from 'node:path'
import type { TestModule } from 'vitest/node'
import type { SuiteInput } from '../gate/types.js'
import { readFileMeta, readMeta } from '../meta/index.js'

/** One gate input per test module: its file-level baseline meta and every test with its evalgate meta. */
export function collectSuites(testModules: ReadonlyArray<TestModule>): SuiteInput[] {
  return testModules.map((mod) => {
    const fileMeta = readFileMeta(mod.meta() as Record<string, unknown>)?.baseline ?? null
    const root = mod.project.config.root
    return {
      file: fileMeta?.file ?? relative(root, mod.moduleId).split(sep).join('/'),
      moduleId: mod.moduleId,
      project: mod.project.name,
      fileMeta,
      tests: [...mod.children.allTests()].map((test) => ({
        name: test.fullName,
        state: test.result().state,
        ...(test.location ? { location: { line: test.location.line, column: test.location.column } } : {}),
        meta: readMeta(test.meta() as Record<string, unknown>) ?? { calls: [], matchers: [] },
      })),
    }
  })
}
