/** Reporter glue of model selection: builds the comparison after the run, prints it and writes its files. */
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { mkdir } from 'node:fs/promises'
import type { SuiteInput } from '../gate/types.js'
import type { ResolvedOptions } from '../plugin/options.js'
import { writeFileAtomic } from '../util/fs.js'
import { redactSecrets } from '../util/redact.js'
import { formatCompare } from './format.js'
import { renderCompareHtml } from './html.js'
import { buildCompareReport, type CompareReport } from './report.js'

export async function runComparison(suites: readonly SuiteInput[], options: ResolvedOptions, root: string, log: (text: string) => void): Promise<CompareReport | undefined> {
  if (!options.candidates || !options.compare) return undefined
  const secrets = Object.values(options.candidates).map((c) => c.apiKey)
  const report = buildCompareReport(suites, { compare: options.compare, candidates: options.candidates, alpha: options.gate.alpha, margin: options.gate.margin })
  if (options.reporter.terminal) log(redactSecrets(`\n${formatCompare(report)}\n`, secrets))
  const written: string[] = []
  for (const [path, text] of [
    [options.compare.json, () => `${JSON.stringify(report, null, 2)}\n`],
    [options.compare.html, () => renderCompareHtml(report)],
  ] as const) {
    if (!path) continue
    const abs = isAbsolute(path) ? path : resolve(root, path)
    try {
      await mkdir(dirname(abs), { recursive: true })
      await writeFileAtomic(abs, redactSecrets(text(), secrets))
      written.push(relative(root, abs) || abs)
    } catch (error) {
      log(` evalgate compare: could not write ${path}: ${(error as Error).message}`)
    }
  }
  if (written.length && options.reporter.terminal) log(` evalgate compare: report written to ${written.join(' and ')}`)
  return report
}
