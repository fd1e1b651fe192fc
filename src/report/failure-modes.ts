/** The job summary's "Failure modes" block (issue 13): the terminal lines in a collapsed text block. */
import type { RunEvaluation } from '../gate/types.js'
import { probeLines } from '../probes/report.js'
import { calibrationLines } from '../failures/confidence.js'
import { lengthLines } from '../failures/length.js'
import { failureLines } from '../failures/report.js'

export function failureModesLines(run: RunEvaluation): string[] {
  return [...failureLines(run.failures, run.failureRates), ...probeLines(run.probes), ...calibrationLines(run.calibration), ...lengthLines(run.byPromptTokens)]
}

export function failureModesMarkdown(run: RunEvaluation): string[] {
  const lines = failureModesLines(run)
  if (!lines.length) return []
  return ['<details><summary>Failure modes</summary>', '', '```text', ...lines, '```', '', '</details>', '']
}
