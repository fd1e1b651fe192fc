/**
 * GitHub Actions output: `::error` workflow commands for degraded suites, critical drops and regressed
 * cases (annotated at the test's line when Vitest collected locations, else on the file), and the job
 * summary appended to `$GITHUB_STEP_SUMMARY`.
 */
import { appendFile } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'
import { formatRegressions } from '../baseline/compare.js'
import type { RunEvaluation, SuiteEvaluation } from '../gate/types.js'
import { formatJobSummary } from './markdown.js'

/** Escapes a workflow command's message (actions/toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escapes a workflow command's property value (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::error file=…,line=…,title=…::message`. */
export function errorCommand(props: { file: string; line?: number; col?: number; title: string }, message: string): string {
  const parts = [`file=${escapeProperty(props.file)}`]
  if (props.line !== undefined) parts.push(`line=${props.line}`)
  if (props.col !== undefined) parts.push(`col=${props.col}`)
  parts.push(`title=${escapeProperty(props.title)}`)
  return `::error ${parts.join(',')}::${escapeData(message)}`
}

/** The file path GitHub expects: relative to the workspace when the file is inside it. */
export function annotationPath(moduleId: string, workspace: string | undefined): string {
  if (!workspace || !isAbsolute(moduleId)) return moduleId
  const rel = relative(workspace, moduleId)
  return rel.startsWith('..') || isAbsolute(rel) ? moduleId : rel.split(sep).join('/')
}

/** Most case annotations per run: GitHub shows only the first few per step anyway. */
const MAX_CASE_ANNOTATIONS = 50

function suiteCommands(s: SuiteEvaluation, file: string): { suite: string[]; cases: string[] } {
  const out = { suite: [] as string[], cases: [] as string[] }
  if (s.updated) return out
  for (const m of s.metrics.filter((x) => x.verdict === 'degraded')) {
    out.suite.push(errorCommand({ file, title: `evalgate: ${s.id} degraded (${m.metric})` }, s.reasons.find((r) => r.startsWith(`${m.metric} degraded`)) ?? `${m.metric} degraded`))
  }
  const critical = new Set(s.criticalRegressions.map((r) => r.key))
  for (const c of s.cases) {
    const regressed = c.status === 'regressed' || c.regressions.length > 0
    if (!regressed && !critical.has(c.key)) continue
    const drop = s.criticalRegressions.find((r) => r.key === c.key)
    const fallback = drop ?? c.worstDrop
    const lines = c.regressions.length ? formatRegressions(c.regressions) : fallback ? [`${fallback.metric}: ${fallback.baseline.toFixed(2)} → ${fallback.current.toFixed(2)}`] : []
    const title = critical.has(c.key) ? 'evalgate: critical case regressed' : 'evalgate: score regression'
    const at = c.location ? { line: c.location.line, col: c.location.column } : {}
    out.cases.push(errorCommand({ file, ...at, title }, [c.key, ...lines].join('\n')))
  }
  return out
}

/** The workflow commands for a run, one per line, case annotations capped at 50. */
export function workflowCommands(run: RunEvaluation, workspace = process.env.GITHUB_WORKSPACE): string[] {
  const out: string[] = []
  let cases = 0
  for (const s of run.suites) {
    const commands = suiteCommands(s, annotationPath(s.moduleId, workspace))
    out.push(...commands.suite)
    for (const cmd of commands.cases) if (++cases <= MAX_CASE_ANNOTATIONS) out.push(cmd)
  }
  if (cases > MAX_CASE_ANNOTATIONS) out.push(`::warning title=evalgate::${cases - MAX_CASE_ANNOTATIONS} more regressed case(s) not annotated; see the job summary`)
  return out
}

/** Appends the job summary to `summaryPath` (the `$GITHUB_STEP_SUMMARY` file). */
export async function appendJobSummary(run: RunEvaluation, summaryPath: string): Promise<void> {
  await appendFile(summaryPath, formatJobSummary(run) + '\n')
}
