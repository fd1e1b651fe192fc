import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

/**
 * Start-up cost (issue 15): what vitest.config.ts loads through `evalgate/plugin`, and what every worker
 * loads through the setup file, is their *static* import graph (dynamic `import()` and lazy `require` load
 * on first use). These tests walk that graph, in src (type-only imports elided, as tsc does) and in the built
 * dist when present, and name any module that would make start-up heavy again.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SRC = join(ROOT, 'src')
const DIST = join(ROOT, 'dist')

// Static imports and re-exports that load a module at runtime; `import type` / `export type` are left out
// (elided by tsc), dynamic `import()` too (loads on first use).
const STATIC = /(?:^|[\s;])(import|export)(\s+type\b)?\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g

/** Module ids (src/dist-relative, or the bare package name) in the static import graph of `entry`. */
export function staticGraph(base: string, entry: string, ext: '.ts' | '.js'): { own: string[]; packages: string[] } {
  const own = new Set<string>()
  const packages = new Set<string>()
  const stack = [entry]
  while (stack.length) {
    const file = stack.pop()!
    if (own.has(file)) continue
    own.add(file)
    const text = readFileSync(join(base, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '')
    for (const m of text.matchAll(STATIC)) {
      if (m[2]) continue
      // `export { type A, type B } from` is elided as a whole too.
      if (m[0].match(/\{([^}]*)\}/)?.[1]?.split(',').every((n) => /^\s*type\s/.test(n) || !n.trim())) continue
      const spec = (m[3] ?? m[4])!
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'))
        continue
      }
      stack.push(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ext))
    }
  }
  return { own: [...own].sort(), packages: [...packages].sort() }
}

const HEAVY_PACKAGES = ['ajv', 'ajv-formats', 'openai', 'chalk', 'csv-parse']

/** Own modules the config process must not load: matchers, judge, statistics, gate engine, report renderers, measurement. */
function heavyOwn(modules: readonly string[]): string[] {
  const allowed = /^(gate\/(options|defaults)|report\/options|measure\/(options|cache\/options|cache\/types)|endpoints\/[a-z]+-options|compare\/(options|types)|failures\/(rate-key|types))\.[tj]s$/
  return modules.filter((m) => /^(matchers|judge|stats|gate|report|measure|endpoints|compare|worker|baseline\/(?!options)|schema\/(?!options)|failures|probes|cases\/(?!options)|trajectory)\//.test(m) && !allowed.test(m))
}

describe('evalgate/plugin (vitest.config.ts) loads no matcher, judge, stats, gate or report code', () => {
  test('the package export points at the lean entry', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { default: string; types: string }> }
    expect(pkg.exports['./plugin']).toEqual({ types: './dist/plugin/entry.d.ts', default: './dist/plugin/entry.js' })
  })

  test('src: its static import graph has none of them, and no ajv, openai or chalk', () => {
    const graph = staticGraph(SRC, 'plugin/entry.ts', '.ts')
    expect(graph.own).toContain('plugin/reporter.ts')
    expect(graph.own).toContain('gate/options.ts')
    expect(heavyOwn(graph.own)).toEqual([])
    expect(graph.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([])
    // The walk does see heavy modules when they are there: the root entry loads them all.
    const root = staticGraph(SRC, 'index.ts', '.ts')
    expect(heavyOwn(root.own).length).toBeGreaterThan(50)
    expect(root.packages).toEqual(expect.arrayContaining(['openai', 'csv-parse']))
  })

  test.skipIf(!existsSync(join(DIST, 'plugin', 'entry.js')))('dist (as built): the same, and the options validator is generated', () => {
    const graph = staticGraph(DIST, 'plugin/entry.js', '.js')
    expect(heavyOwn(graph.own)).toEqual([])
    expect(graph.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([])
    expect(graph.own).not.toContain('vitest.js')
    expect(existsSync(join(DIST, 'plugin', 'options-validator.cjs'))).toBe(true)
    // The standalone validator needs ajv's small runtime helpers only, never ajv itself.
    const requires = [...readFileSync(join(DIST, 'plugin', 'options-validator.cjs'), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(requires.every((r) => r?.startsWith('ajv/dist/runtime/'))).toBe(true)
  })

  test('the entry still carries the Vitest type augmentation (type-level only)', () => {
    const text = readFileSync(join(SRC, 'plugin', 'entry.ts'), 'utf8')
    expect(text).toMatch(/export type \{[^}]*\} from '\.\.\/vitest\.js'/)
  })
})

describe('worker setup loads no judge client, openai or ajv up front', () => {
  test('src: the static graph of worker/setup.ts', () => {
    const graph = staticGraph(SRC, 'worker/setup.ts', '.ts')
    expect(graph.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([])
    const judgeClient = graph.own.filter((m) => /^(endpoints\/(judge|client|rubric-run|embeddings)\.ts|matchers\/(toPassRubric|toBeSimilarTo|toBeGrounded|toMatchBaseline|comparePairwise)\.ts)$/.test(m))
    expect(judgeClient).toEqual([])
  })

  test.skipIf(!existsSync(join(DIST, 'bundle', 'setup.js')))('dist (as built): the setup file and the package root load bundled, and the setup bundle imports no heavy package', () => {
    for (const [file, target] of [['worker/setup.js', '../bundle/setup.js'], ['index.js', './bundle/index.js']] as const) {
      expect(readFileSync(join(DIST, file), 'utf8')).toContain(`export * from '${target}'`)
    }
    const graph = staticGraph(DIST, 'worker/setup.js', '.js')
    expect(graph.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([])
    // A handful of chunk files instead of ~100 modules; the judge client stays behind a dynamic import.
    expect(graph.own.length).toBeLessThan(20)
    expect(graph.own.some((m) => /judge/.test(m) && !/judge-config/.test(m))).toBe(false)
    // The bundled options module finds its generated validator beside it.
    expect(existsSync(join(DIST, 'bundle', 'options-validator.cjs'))).toBe(true)
    const root = staticGraph(DIST, 'index.js', '.js')
    expect(root.packages).toEqual(expect.arrayContaining(['openai', 'csv-parse']))
  })

  test('the graph walk follows relative imports of the files it reads', () => {
    const dir = relative(SRC, dirname(fileURLToPath(import.meta.url)))
    expect(dir.startsWith('..')).toBe(true)
    expect(staticGraph(SRC, 'worker/setup.ts', '.ts').own).toEqual(expect.arrayContaining(['worker/setup.ts', 'matchers/lazy.ts', 'matchers/toMatchSchema.ts', 'schema/compile.ts']))
  })
})
