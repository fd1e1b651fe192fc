#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --no-build]`: builds evalgate (the fixture suites import the package, so
 * dist/ must be current), compiles the harness in bench/ to .tmp/bench-build, and runs it. Arguments other
 * than --no-build go to the harness (bench/run.ts).
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' })

if (!args.includes('--no-build')) run('npm', ['run', '--silent', 'build'])
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.json'])
run(process.execPath, [join(root, '.tmp/bench-build/run.js'), ...args.filter((a) => a !== '--no-build')])
