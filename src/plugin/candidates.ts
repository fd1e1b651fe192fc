/**
 * Main-process glue of model selection: one Vitest project per candidate, and the candidate each project's
 * workers receive.
 *
 * Why `test.projects` from Vite's `config` hook rather than `configureVitest`'s `injectTestProjects`: in
 * Vitest 4.1 `configureVitest` runs only for the projects that survived the `--project` filter, and without
 * `projects` the root project is named after the package, so `--project qwen-local` filters the root
 * project out before any hook runs and nothing would inject the candidate's project. Declared inline
 * projects are filtered by name like any other (v4 and v5), so `--project <candidate>` just works.
 */
import type { TestProject } from 'vitest/node'
import type { CandidateConfig, ProvidedCandidate } from '../compare/types.js'

/** Inline project definitions, one per candidate, inheriting the root config (`extends: true`). */
export function candidateProjects(candidates: Record<string, CandidateConfig>): Array<{ extends: true; test: { name: string } }> {
  return Object.keys(candidates).map((name) => ({ extends: true as const, test: { name } }))
}

/**
 * The `config` hook's contribution: the candidate projects, unless this config is already one of them (in
 * Vitest 4 each inline project re-loads the config file). A user `test.projects` cannot be combined yet.
 */
export function candidatesConfig(candidates: Record<string, CandidateConfig> | undefined, config: { test?: { name?: unknown; projects?: unknown } }): { test: { projects: ReturnType<typeof candidateProjects> } } | undefined {
  if (!candidates) return undefined
  const name = config.test?.name
  if (typeof name === 'string' && name in candidates) return undefined
  if (config.test?.projects !== undefined) {
    throw new Error('evalgate: the "candidates" option runs one Vitest project per candidate and cannot be combined with test.projects; remove one of them.')
  }
  return { test: { projects: candidateProjects(candidates) } }
}

/** What a candidate project's workers get from `candidate()` (keys stay in the worker). */
export function provideCandidate(project: TestProject, candidates: Record<string, CandidateConfig> | undefined): void {
  if (!candidates) return
  const c = candidates[project.name]
  if (!c) return
  const provided: ProvidedCandidate = {
    name: project.name,
    baseURL: c.baseURL,
    model: c.model,
    apiKey: c.apiKey ?? 'none',
    params: { temperature: 0, ...c.params },
  }
  ;(project as unknown as { provide(key: string, value: unknown): void }).provide('evalgate:candidate', provided)
}

/**
 * A candidate project's options: its baselines in `<baselines.dir>/<candidate>/`, so each candidate keeps
 * its own files (two projects sharing one file would each see the other's entries as obsolete).
 */
export function withCandidateBaselines<T extends { candidates?: Record<string, CandidateConfig>; baselines: { dir: string } }>(options: T, projectName: string): T {
  if (!options.candidates || !(projectName in options.candidates)) return options
  return { ...options, baselines: { ...options.baselines, dir: `${options.baselines.dir.replace(/[\\/]+$/, '')}/${projectName}` } }
}
