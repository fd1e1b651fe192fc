/**
 * Worker side of the baseline: after each test, build the case's record from its meta, compare it with
 * the baseline entry and fail the test on a regression; after each file, write what the update mode
 * allows (atomically, under a lock) and report obsolete entries. Update semantics follow Vitest snapshots,
 * read at assertion time: `all` (-u, watch-mode `u`, UI button) updates, `new` (local) writes missing
 * entries, `none` (CI) never writes.
 */
import { isAbsolute, resolve } from 'node:path'
import { applyBaselineUpdate, readBaseline } from '../baseline/file.js'
import { baselinePathFor, caseKey, relativeFile, type NamedTask } from '../baseline/keys.js'
import { buildCaseRecord } from '../baseline/record.js'
import { compareCase, formatRegressions, noisyMetrics } from '../baseline/compare.js'
import { completeFingerprint, takeDeclaredFingerprint } from '../baseline/fingerprint.js'
import type { BaselineFile, CaseRecord, Fingerprint } from '../baseline/types.js'
import { readMeta, type EvalgateFileMeta, type EvalgateTaskMeta } from '../meta/index.js'
import type { ResolvedOptions } from '../plugin/options.js'
import { stablePretty } from '../util/stable.js'
import { updateCommand } from '../baseline/update-command.js'

export type UpdateMode = 'all' | 'new' | 'none'

export interface ProjectInfo {
  root: string
  name: string
}

interface TaskNode extends NamedTask {
  id: string
  meta: object
  mode?: string
  tasks?: TaskNode[]
  repeats?: number
  file?: TaskNode & { filepath?: string }
  filepath?: string
  result?: { errors?: unknown[]; repeatCount?: number; state?: string }
}

interface FileState {
  path: string
  rel: string
  baseline: BaselineFile | undefined
  set: Record<string, CaseRecord>
}

const SNAPSHOT_WORDING = (key: string) => `Snapshot \`${key}\` mismatched`

export class BaselineTracker {
  /** The current test file's baseline, loaded once and shared by its concurrent tests. */
  private file: { filepath: string; path: string; state: Promise<FileState> } | undefined
  private declared: Fingerprint = takeDeclaredFingerprint()

  constructor(
    private readonly options: ResolvedOptions,
    private readonly project: ProjectInfo,
    private readonly updateMode: () => UpdateMode,
  ) {}

  /** Call once at the start of a test file (before it is collected): forgets the previous file's state. */
  reset(): void {
    this.file = undefined
    takeDeclaredFingerprint()
  }

  private dir(): string {
    const d = this.options.baselines.dir
    return isAbsolute(d) ? d : resolve(this.project.root, d)
  }

  /**
   * The state of a test file's baseline. The load is shared: concurrent tests finishing together all get
   * the same state (and its pending writes), never one each.
   */
  private state(filepath: string): Promise<FileState> {
    // Every test of the file asks: the paths are worked out once per file, not once per test.
    if (this.file?.filepath === filepath) return this.file.state
    const path = baselinePathFor(this.project.root, this.dir(), filepath)
    if (this.file?.path !== path) {
      const rel = relativeFile(this.project.root, filepath)
      this.file = { filepath, path, state: readBaseline(path).then((baseline) => ({ path, rel, baseline, set: Object.create(null) as Record<string, CaseRecord> })) }
    }
    return this.file.state
  }

  /** The baseline entry for a task, for matchers that compare at assertion time (toMatchBaseline). */
  async entryFor(task: TaskNode): Promise<{ key: string; entry: CaseRecord | undefined; path: string }> {
    const filepath = task.file?.filepath ?? task.filepath ?? ''
    const s = await this.state(filepath)
    const key = caseKey(task, this.project.name)
    return { key, entry: ownEntry(s.baseline?.cases, key), path: s.rel }
  }

  /** After each test (last repeat only): compare with the baseline and record the outcome in the meta. */
  async afterEach(task: TaskNode): Promise<void> {
    if (!this.options.baselines.enabled) return
    if ((task.repeats ?? 0) > (task.result?.repeatCount ?? 0)) return
    const meta = readMeta(task.meta)
    if (!meta || (meta.calls.length === 0 && meta.matchers.length === 0)) return
    const filepath = task.file?.filepath ?? ''
    const s = await this.state(filepath)
    const passed = !(task.result?.errors?.length)
    const current = buildCaseRecord(meta, { passed, pricing: this.options.pricing })
    const key = caseKey(task, this.project.name)
    const entry = ownEntry(s.baseline?.cases, key)
    const mode = this.updateMode()
    if (!entry) return this.noEntry(meta, s, key, current, passed, mode)

    const checked = new Set(meta.matchers.filter((m) => m.details?.baselineChecked === true).map((m) => m.metric ?? m.matcher))
    const regressions = compareCase(entry, current, {
      tolerance: this.options.gate.tolerance,
      critical: current.critical ?? entry.critical ?? false,
      latencyRatio: this.options.gate.latencyRatio,
      ttftRatio: this.options.gate.ttftRatio,
      tokensRatio: this.options.gate.tokensRatio,
      costRatio: this.options.gate.costRatio,
      skip: checked,
      alpha: this.options.gate.alpha,
    })
    const noisy = noisyMetrics(entry, current)
    if (mode === 'all') {
      s.set[key] = current
      meta.baseline = { key, status: 'updated', baseline: entry, current, regressions, ...(noisy.length ? { noisy } : {}) }
      return
    }
    // `pass` is the test's outcome after the baseline check: a test this check fails did not pass, so the
    // report never shows "pass 1.00 → 1.00" beside baseline failures.
    const outcome = regressions.length && passed ? failedRecord(current) : current
    meta.baseline = { key, status: regressions.length ? 'regressed' : 'matched', baseline: entry, current: outcome, regressions, ...(noisy.length ? { noisy } : {}) }
    // A test that already failed on its own needs no second error; its regressions stay in the meta.
    if (regressions.length && passed) {
      throw new Error(
        `${SNAPSHOT_WORDING(key)}: evalgate baseline regression, per-case rule (${s.rel} → ${relativeFile(this.project.root, s.path)})\n` +
          formatRegressions(regressions).map((l) => `  ${l}`).join('\n') +
          `\n\nIf the change is intended, accept it with \`${updateCommand(this.project.root)} ${s.rel}\` (re-records this file's cases` +
          `${this.options.baselines.trials > 1 ? ` with ${this.options.baselines.trials} trials each` : ''}; the summary shows the suite verdict of what you accept).`,
      )
    }
  }

  private noEntry(meta: EvalgateTaskMeta, s: FileState, key: string, current: CaseRecord, passed: boolean, mode: UpdateMode): void {
    if (mode === 'none') {
      meta.baseline = { key, status: 'missing', baseline: null, current: failedRecord(current), regressions: [] }
      throw new Error(
        `evalgate: no baseline for "${key}" in ${relativeFile(this.project.root, s.path)}.\n` +
          `Baselines are never written on CI (CI is set). Run \`vitest run\` locally to record missing baselines (or \`${updateCommand(this.project.root)}\` to update all), then commit ${relativeFile(this.project.root, this.dir())}/.`,
      )
    }
    // A failing case is baselined like a passing one (its scores are what they are), so CI compares it.
    s.set[key] = current
    meta.baseline = { key, status: 'written', baseline: null, current, regressions: [] }
  }

  /** After each file: write what the mode allows, report obsolete entries (fail on CI), fill file meta. */
  async afterFile(file: TaskNode): Promise<void> {
    const declared = this.declared
    this.declared = takeDeclaredFingerprint()
    if (!this.options.baselines.enabled) return
    const filepath = file.filepath ?? ''
    const tests = allTests(file)
    const metas = tests.map((t) => readMeta(t.meta)).filter((m): m is EvalgateTaskMeta => m !== undefined)
    if (metas.length === 0 && !this.file) return
    const s = await this.state(filepath)
    const calls = metas.flatMap((m) => m.calls)
    const fingerprint = completeFingerprint(mergeDeclared(declared, this.declared), {
      models: uniq(calls.filter((c) => c.kind !== 'judge').map((c) => c.model)),
      judgeModels: uniq(calls.filter((c) => c.kind === 'judge').map((c) => c.model)),
      judgePromptVersions: uniq(metas.flatMap((m) => m.matchers.map((r) => r.details?.promptVersion ?? r.details?.judgePromptVersion))),
    })
    const keys = new Set(tests.map((t) => caseKey(t, this.project.name)))
    const obsolete = Object.keys(s.baseline?.cases ?? {}).filter((k) => !keys.has(k)).sort()
    const mode = this.updateMode()
    const remove = mode === 'all' ? obsolete : []
    const writeFingerprint = mode === 'all' || !s.baseline
    const fingerprintChanged = !!s.baseline && stablePretty(s.baseline.fingerprint) !== stablePretty(fingerprint)
    let written = false
    let writeError: Error | undefined
    if (mode !== 'none' && (Object.keys(s.set).length || remove.length || (mode === 'all' && fingerprintChanged))) {
      try {
        written = await applyBaselineUpdate(s.path, { file: s.rel, set: s.set, remove, ...(writeFingerprint ? { fingerprint } : {}) })
      } catch (error) {
        // Nothing was written: no test may claim its entry was (the summary counts "written" entries).
        writeError = error as Error
        for (const m of metas) {
          if (m.baseline && (m.baseline.status === 'written' || m.baseline.status === 'updated') && Object.hasOwn(s.set, m.baseline.key)) {
            m.baseline = { ...m.baseline, status: 'missing' }
          }
        }
      }
    }
    const fileMeta: EvalgateFileMeta = {
      baseline: {
        file: s.rel,
        baselinePath: relativeFile(this.project.root, s.path),
        fingerprint,
        baselineFingerprint: s.baseline?.fingerprint ?? null,
        obsolete,
        obsoleteRemoved: remove.length > 0,
        written,
        ...(writeError ? { writeFailed: true } : {}),
      },
    }
    ;(file.meta as Record<string, unknown>).evalgate = fileMeta
    this.file = undefined
    if (writeError) {
      const n = Object.keys(s.set).length
      throw new Error(
        `evalgate: could not write ${n} baseline entr${n === 1 ? 'y' : 'ies'} to ${relativeFile(this.project.root, s.path)}: ${writeError.message}\nThe file was left as it was; nothing was written.`,
      )
    }
    if (mode === 'none' && obsolete.length) {
      throw new Error(
        `evalgate: ${obsolete.length} obsolete baseline entr${obsolete.length === 1 ? 'y' : 'ies'} in ${relativeFile(this.project.root, s.path)} (no such test any more):\n` +
          obsolete.map((k) => `  - ${k}`).join('\n') +
          `\nRemove them with \`${updateCommand(this.project.root)}\` and commit the file.`,
      )
    }
  }
}

function allTests(node: TaskNode): TaskNode[] {
  const out: TaskNode[] = []
  for (const t of node.tasks ?? []) {
    if (t.type === 'test') out.push(t)
    else out.push(...allTests(t))
  }
  return out
}

function uniq(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort()
}

function mergeDeclared(a: Fingerprint, b: Fingerprint): Fingerprint {
  return {
    prompts: { ...a.prompts, ...b.prompts },
    models: uniq([...a.models, ...b.models]),
    judgeModels: uniq([...a.judgeModels, ...b.judgeModels]),
    judgePromptVersions: uniq([...a.judgePromptVersions, ...b.judgePromptVersions]),
    retrieval: b.retrieval ?? a.retrieval,
    other: { ...a.other, ...b.other },
  }
}

/** The entry of `key` only when the file has it (never an inherited `constructor` or `__proto__`). */
function ownEntry(cases: Record<string, CaseRecord> | undefined, key: string): CaseRecord | undefined {
  return cases !== undefined && Object.hasOwn(cases, key) ? cases[key] : undefined
}

/** The record of a test that the baseline check fails: its `pass` score is 0. */
function failedRecord(record: CaseRecord): CaseRecord {
  return { ...record, scores: { ...record.scores, pass: 0 } }
}
