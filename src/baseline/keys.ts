import { relative, sep, join } from 'node:path'

/** A task as far as naming goes: its name and the chain of suites above it. */
export interface NamedTask {
  name: string
  type?: string
  suite?: NamedTask
  file?: unknown
}

/**
 * The stable key of a test case in its baseline file: the describe chain and test name joined with " > ",
 * prefixed by `[project]` when the test runs in a named Vitest project.
 */
export function caseKey(task: NamedTask, project?: string): string {
  const names: string[] = []
  for (let t: NamedTask | undefined = task; t; t = t.suite) {
    if ('filepath' in t) break // the file itself
    if (t.name) names.unshift(t.name)
  }
  return `${project ? `[${project}] ` : ''}${names.join(' > ')}`
}

/** `snapshots/<test file relative to the root>.json`, the baseline file of a test file. */
export function baselinePathFor(root: string, dir: string, testFile: string): string {
  return join(dir, `${relativeFile(root, testFile)}.json`)
}

/** The test file relative to the project root, with forward slashes (stable across platforms). */
export function relativeFile(root: string, testFile: string): string {
  return relative(root, testFile).split(sep).join('/')
}
