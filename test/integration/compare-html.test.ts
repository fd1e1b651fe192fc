import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startModelServer } from '../../src/testing/index.js'
import type { CompareReport } from '../../src/compare/report.js'
import { FIXTURES, REPO_ROOT, runVitest } from '../helpers/run-vitest.js'

// The HTML comparison report in headless Chromium (Debian `chromium`, driven by playwright-core): it loads
// with no console error and no request, shows the numbers of the JSON report, and the run leaves a
// screenshot at .tmp/compare-report.png. Skipped, saying so, when Chromium is not installed.
function findChromium(): string | undefined {
  for (const p of [process.env['EVALGATE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}
const CHROMIUM = findChromium()
const PLAYWRIGHT = 'playwright-core'

/** The part of playwright-core's API this test uses. */
interface PwPage {
  on(event: 'console', fn: (m: { type(): string; text(): string }) => void): void
  on(event: 'pageerror', fn: (e: Error) => void): void
  on(event: 'request', fn: (r: { url(): string }) => void): void
  goto(url: string): Promise<unknown>
  textContent(selector: string): Promise<string | null>
  check(selector: string): Promise<void>
  uncheck(selector: string): Promise<void>
  selectOption(selector: string, value: string): Promise<unknown>
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>
}
interface Playwright {
  chromium: {
    launchPersistentContext(dir: string, options: { executablePath: string; args: string[]; viewport: { width: number; height: number } }): Promise<{ newPage(): Promise<PwPage>; close(): Promise<void> }>
  }
}
if (!CHROMIUM) console.warn('compare-html.test.ts: SKIPPED: no Chromium found (apt-get install -y chromium, or set EVALGATE_CHROMIUM)')

const tmp = mkdtempSync(join(tmpdir(), 'evalgate-compare-html-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe.skipIf(!CHROMIUM)('HTML comparison report in headless Chromium', () => {
  test('loads offline with no console error and shows the JSON report numbers; screenshot written', async () => {
    const serve = (latencyMs: number, wrong: string[]) =>
      startModelServer({ replies: (req) => { const m = String(req.messages.at(-1)?.content ?? ''); return { content: wrong.includes(m) ? 'wrong' : `answer-${m}`, usage: { promptTokens: 10, completionTokens: 5 }, latencyMs } } })
    const a = await serve(30, ['case-01'])
    const b = await serve(5, ['case-05', 'case-06'])
    const json = join(tmp, 'compare.json')
    const html = join(tmp, 'compare.html')
    try {
      const r = await runVitest(join(FIXTURES, 'compare'), [], { EVALGATE_A_URL: a.baseURL, EVALGATE_B_URL: b.baseURL, EVALGATE_COMPARE_JSON: json, EVALGATE_COMPARE_HTML: html })
      expect(r.code, r.stdout + r.stderr).toBe(0)
    } finally {
      await a.stop()
      await b.stop()
    }
    const report = JSON.parse(readFileSync(json, 'utf8')) as CompareReport
    // Imported by a variable name: playwright-core's declarations need the DOM lib, which this project does not load.
    const { chromium } = (await import(PLAYWRIGHT)) as Playwright
    // A new profile directory (playwright passes it as --user-data-dir).
    const browser = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1200, height: 900 },
    })
    try {
      const page = await browser.newPage()
      const problems: string[] = []
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('request', (q) => !q.url().startsWith('file:') && !q.url().startsWith('data:') && problems.push(`request ${q.url()}`))
      await page.goto(`file://${html}`)
      expect(await page.textContent('#decision')).toBe(report.decision.line)
      for (const t of report.decision.table) {
        expect(await page.textContent(`#dimensions tr[data-candidate="${t.name}"] td.total`)).toBe(t.total!.toFixed(1))
      }
      const costText = (await page.textContent('#cost'))!
      for (const c of report.candidates) expect(costText).toContain(c.cost.per1kRequestsUsd!.toFixed(4))
      for (const c of report.candidates) expect(await page.textContent(`[data-latency="${c.name}-p95"]`)).toBe(`${Math.round(c.operational.latencyMs!.p95)} ms`)
      expect(await page.textContent('#shown')).toBe('20 of 20 cases')
      await page.check('#worse')
      const worse = new Set(report.headToHead.flatMap((h) => h.underperforming.map((u) => u.id))).size
      expect(await page.textContent('#shown')).toBe(`${worse} of 20 cases`)
      await page.uncheck('#worse')
      await page.selectOption('#category', 'math')
      expect(await page.textContent('#shown')).toBe('10 of 20 cases')
      await page.selectOption('#category', '')
      mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true })
      await page.screenshot({ path: join(REPO_ROOT, '.tmp/compare-report.png'), fullPage: true })
      expect(problems).toEqual([])
    } finally {
      await browser.close()
    }
    expect(existsSync(join(REPO_ROOT, '.tmp/compare-report.png'))).toBe(true)
  }, 120_000)
})
