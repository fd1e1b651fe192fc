import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

/**
 * The layers of src/, lowest first: a file may import from its own layer or a lower one, never a higher
 * one. An entry is a folder (`name/`) or a single file; the longest matching entry decides a file's layer.
 */
const LAYERS: ReadonlyArray<{ layer: string; paths: readonly string[] }> = [
  { layer: 'util', paths: ['util/'] },
  { layer: 'stats', paths: ['stats/'] },
  { layer: 'schema', paths: ['schema/'] },
  { layer: 'cases', paths: ['cases/'] },
  { layer: 'judge', paths: ['judge/'] },
  // plain data shapes shared by the worker and the main process
  { layer: 'records', paths: ['measure/types.ts', 'baseline/types.ts', 'failures/types.ts'] },
  // the one seam to the worker's globals (options slices, current task, baseline tracker, project root)
  { layer: 'context', paths: ['worker/context.ts'] },
  { layer: 'meta', paths: ['meta/'] },
  // Failure modes: taxonomy, counting, the failure-rate rule, calibration, transcripts, and the pure probe
  // engines (their detectors share the refusal heuristics of matchers/refusal.ts, itself pure).
  { layer: 'failures', paths: ['failures/', 'trajectory/', 'probes/', 'matchers/refusal.ts'] },
  { layer: 'baseline', paths: ['baseline/'] },
  { layer: 'gate', paths: ['gate/'] },
  { layer: 'report', paths: ['report/'] },
  { layer: 'measure', paths: ['measure/'] },
  { layer: 'endpoints', paths: ['endpoints/'] },
  { layer: 'matchers', paths: ['matchers/'] },
  // model selection's option slices and data shapes (composed by plugin/options.ts)
  { layer: 'compare-options', paths: ['compare/options.ts', 'compare/types.ts'] },
  // the composed plugin options (read by the worker setup and the plugin) and the Vitest type augmentation
  { layer: 'options', paths: ['plugin/options.ts', 'vitest.ts'] },
  // Model selection: engines over gate/measure records plus the worker-side candidate(); the plugin composes it.
  { layer: 'compare', paths: ['compare/'] },
  { layer: 'worker', paths: ['worker/'] },
  { layer: 'plugin', paths: ['plugin/'] },
  { layer: 'tools', paths: ['cli/', 'testing/'] },
  { layer: 'entries', paths: ['index.ts', 'runtime.ts', 'tools.ts'] },
]

const SRC = fileURLToPath(new URL('../../../src', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** Index in LAYERS of a src-relative path, or -1 when no entry covers it. */
function layerOf(path: string): number {
  let best = -1
  let bestLength = -1
  LAYERS.forEach(({ paths }, i) => {
    for (const p of paths) {
      const hit = p.endsWith('/') ? path.startsWith(p) : path === p
      if (hit && p.length > bestLength) {
        best = i
        bestLength = p.length
      }
    }
  })
  return best
}

// static imports and re-exports (also multi-line), side-effect imports, dynamic imports
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*'([^']+)'|(?:^|[\s;])import\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g

/** Every relative import of the given files: [importer, imported], both src-relative with .ts. */
function relativeImports(files: Record<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [from, source] of Object.entries(files)) {
    const text = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3]
      if (!spec?.startsWith('.')) continue
      out.push([from, posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts')])
    }
  }
  return out
}

function upwardImports(files: Record<string, string>): string[] {
  return relativeImports(files)
    .filter(([from, to]) => layerOf(to) > layerOf(from))
    .map(([from, to]) => `${from} (${LAYERS[layerOf(from)]?.layer}) imports ${to} (${LAYERS[layerOf(to)]?.layer})`)
}

const tree: Record<string, string> = Object.fromEntries(
  sourceFiles(SRC).map((f) => [relative(SRC, f).split('\\').join('/'), readFileSync(f, 'utf8')]),
)

describe('source layers (docs/ARCHITECTURE.md)', () => {
  test('the scan sees the imports, multi-line, type-only, side-effect and dynamic ones included', () => {
    expect(relativeImports(tree).length).toBeGreaterThan(300)
    const sample = {
      'util/a.ts': "import {\n  x,\n  type Y,\n} from '../plugin/x.js'\nimport type { Z } from '../gate/z.js'\nimport '../worker/setup.js'\nconst m = await import('../matchers/m.js')\n// import { no } from '../plugin/comment.js'\n",
    }
    expect(upwardImports(sample)).toEqual([
      'util/a.ts (util) imports plugin/x.ts (plugin)',
      'util/a.ts (util) imports gate/z.ts (gate)',
      'util/a.ts (util) imports worker/setup.ts (worker)',
      'util/a.ts (util) imports matchers/m.ts (matchers)',
    ])
  })

  test('every source file belongs to a layer', () => {
    expect(Object.keys(tree).filter((f) => layerOf(f) < 0), 'add these to LAYERS in test/unit/architecture/layers.test.ts').toEqual([])
  })

  test('no file imports from a higher layer', () => {
    expect(upwardImports(tree)).toEqual([])
  })
})
