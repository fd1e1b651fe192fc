#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --no-build]`: builds evalgate (the fixture suites import the package, so
 * dist/ must be current), compiles the harness in bench/ to .tmp/bench-build, and runs it. Arguments other
 * than --no-build go to the harness (bench/run.ts). `npm run bench:gate` (`scripts/bench.mjs gate`) runs the
 * gate benchmark (bench/gate.ts) the same way: real `vitest run` processes against a seeded noisy model.
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const gate = process.argv[2] === 'gate'
const args = process.argv.slice(gate ? 3 : 2)
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' })

if (!args.includes('--no-build')) run('npm', ['run', '--silent', 'build'])
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.json'])
run(process.execPath, [join(root, '.tmp/bench-build', gate ? 'gate.js' : 'run.js'), ...args.filter((a) => a !== '--no-build')])
