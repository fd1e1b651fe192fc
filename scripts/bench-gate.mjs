#!/usr/bin/env node
/**
 * `npm run bench:gate [-- --quick] [-- --no-build]`: builds evalgate, compiles bench/ to .tmp/bench-build and
 * runs the gate benchmark (bench/gate.ts): real `vitest run` processes against a seeded noisy model.
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' })

if (!args.includes('--no-build')) run('npm', ['run', '--silent', 'build'])
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.json'])
run(process.execPath, [join(root, '.tmp/bench-build/gate.js'), ...args.filter((a) => a !== '--no-build')])
