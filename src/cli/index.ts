#!/usr/bin/env node
/**
 * `npx evalgate <command>`: eval-set tooling outside Vitest (subset selection, log sampling, cache
 * upkeep). See `evalgate --help`.
 */
import { runCli } from './main.js'

// `evalgate cache stats | head`: a closed pipe ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

const code = await runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
})
process.exitCode = code
