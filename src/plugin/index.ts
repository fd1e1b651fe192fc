import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vitest/config'
import type { VitestPluginContext } from 'vitest/node'
import { EvalgateReporter } from './reporter.js'
import { resolveOptions, type EvalgateOptions } from './options.js'
import { candidatesConfig, provideCandidate, withCandidateBaselines } from './candidates.js'

export type { EvalgateOptions, ResolvedOptions } from './options.js'
export { EvalgateOptionsError } from './options.js'

/** Absolute path of the worker setup file the plugin adds to every project. */
export const SETUP_FILE = fileURLToPath(new URL('../worker/setup.js', import.meta.url))

const REPORTER_ADDED = new WeakSet<object>()

/**
 * The evalgate Vitest plugin: `plugins: [evalgate(options)]`. Validates options at start-up (throws naming
 * the bad option), adds the matcher setup file to every project (inline `projects` too), hands the
 * options to workers, and adds the evalgate reporter beside Vitest's own (never replacing it).
 */
export function evalgate(options: EvalgateOptions = {}): Plugin {
  const resolved = resolveOptions(options)
  return {
    name: 'evalgate',
    // Model selection: one inline project per candidate (see plugin/candidates.ts).
    config(config: { test?: { name?: unknown; projects?: unknown } }) {
      return candidatesConfig(resolved.candidates, config)
    },
    configureVitest({ vitest, project }: VitestPluginContext) {
      provideCandidate(project, resolved.candidates)
      const setupFiles = project.config.setupFiles
      if (!setupFiles.includes(SETUP_FILE)) setupFiles.push(SETUP_FILE)
      // -u: evalCases runs each case `baselines.trials` times so re-recorded baselines carry more evidence.
      // Resolved snapshot mode ('all' under -u); `update` itself is true/'all' in Vitest 4 and 5 alike.
      const config = project.config as { snapshotOptions?: { updateSnapshot?: string }; update?: boolean | string }
      const updating = config.snapshotOptions?.updateSnapshot === 'all' || config.update === true || config.update === 'all'
      // 'auto' metric annotations follow the junit reporter (its <property> per annotation).
      const metricAnnotations = resolved.reporter.metricAnnotations === 'auto' ? usesJunit(vitest.config.reporters) : resolved.reporter.metricAnnotations
      const provided = withCandidateBaselines({ ...resolved, reporter: { ...resolved.reporter, metricAnnotations } }, project.name)
      project.provide('evalgate:options', updating ? { ...provided, baselines: { ...provided.baselines, updating } } : provided)
      project.provide('evalgate:project', { root: project.config.root, name: project.name })
      // GitHub annotations of regressed cases point at the test's line: Vitest collects lines only on request.
      if (resolved.reporter.github && process.env.GITHUB_ACTIONS) project.config.includeTaskLocation ??= true
      if (!REPORTER_ADDED.has(vitest)) {
        REPORTER_ADDED.add(vitest)
        vitest.config.reporters.push(new EvalgateReporter(resolved))
      }
    },
  } as Plugin
}

/** True when Vitest's junit reporter is among `reporters` (`'junit'`, `['junit', options]` or an instance). */
export function usesJunit(reporters: unknown): boolean {
  if (!Array.isArray(reporters)) return false
  return reporters.some((r) => {
    const name = Array.isArray(r) ? r[0] : r
    if (typeof name === 'string') return name === 'junit'
    return typeof name === 'object' && name !== null && /junit/i.test((name as { constructor?: { name?: string } }).constructor?.name ?? '')
  })
}
