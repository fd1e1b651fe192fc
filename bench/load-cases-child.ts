/**
 * Child process of the eval-set loading benchmark: loads one case file with `loadCases` and prints one JSON
 * line with the load time and the process's peak RSS (a fresh process, so the peak is this load's).
 */
import { loadCases } from 'evalgate'

const file = process.argv[2]
if (!file) throw new Error('usage: load-cases-child <file.jsonl>')
const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20
const t0 = performance.now()
const cases = await loadCases(file)
const loadMs = performance.now() - t0
const peakRssMiB = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ cases: cases.length, loadMs, rssBeforeMiB, peakRssMiB }))
