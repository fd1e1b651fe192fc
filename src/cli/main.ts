import { createRequire } from 'node:module'
import { CaseFileError } from '../cases/errors.js'
import { UsageError } from './args.js'
import { cacheCommand } from './cache.js'
import type { CliIO } from './io.js'
import { sampleCommand } from './sample.js'
import { selectCommand } from './select.js'
import { pairwiseCommand } from './pairwise.js'

export const MAIN_HELP = `Usage: evalgate <command> [options]

Commands:
  select         pick a fast regression subset of an eval set from baseline history
  sample         turn production logs (JSONL) into a stratified eval set
  cache stats    entries and size of the record/replay cache
  cache prune    remove cache entries not used for a while
  pairwise       blind human pairwise review of two candidates (export | import)

Options:
  -h, --help     show help (also after a command: evalgate select --help)
  -v, --version  show the evalgate version

Exit codes: 0 done, 1 failed (e.g. a missing or malformed file), 2 wrong command line.`

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  select: selectCommand,
  sample: sampleCommand,
  cache: cacheCommand,
  pairwise: pairwiseCommand,
}

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined) return (io.err(MAIN_HELP), 2)
    if (command === '--help' || command === '-h' || command === 'help') return (io.out(MAIN_HELP), 0)
    if (command === '--version' || command === '-v') return (io.out(version()), 0)
    const run = COMMANDS[command]
    if (run === undefined) throw new UsageError(`evalgate: unknown command ${JSON.stringify(command)}; expected one of ${Object.keys(COMMANDS).join(', ')} (see \`evalgate --help\`)`)
    return await run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) return (io.err(error.message), 2)
    if (error instanceof CaseFileError) return (io.err(`evalgate ${command}: ${error.message}`), 1)
    const message = error instanceof Error ? error.message : String(error)
    io.err(message.startsWith('evalgate') ? message : `evalgate ${command}: ${message}`)
    return 1
  }
}
