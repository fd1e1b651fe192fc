#!/usr/bin/env node
/**
 * Type tests of evalgate's published declarations (dist/**\/*.d.ts) against the installed Vitest major:
 * builds, then runs `tsc -p test/types/vitest<major>` (those tsconfigs keep skipLibCheck off, so the
 * emitted declarations themselves are checked against that Vitest too). `--no-build` reuses dist/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/vitest/package.json'), 'utf8'))
const major = version.split('.')[0]
const project = `test/types/vitest${major}/tsconfig.json`
if (!existsSync(join(root, project))) {
  console.error(`no type tests for vitest ${version}: ${project} is missing`)
  process.exit(1)
}
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' })

if (!process.argv.includes('--no-build')) run('npm', ['run', '--silent', 'build'])
console.log(`type tests: vitest ${version} → tsc -p ${project}`)
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project])
// The lean plugin entry on its own must carry the augmentation too (both majors).
console.log('type tests: evalgate/plugin alone → tsc -p test/types/plugin-entry/tsconfig.json')
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/types/plugin-entry/tsconfig.json'])
