import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { FIXTURES, failureOf, misbehaving, runVitest, type VitestRun } from '../helpers/run-vitest.js'

let run: VitestRun

beforeAll(async () => {
  run = await runVitest(join(FIXTURES, 'matchers'))
})

describe('matchers through a real `vitest run`', () => {
  test('exit code is 1 and every [pass]/[fail] test behaves', () => {
    expect(run.tests.size, run.stdout + run.stderr).toBeGreaterThan(15)
    expect(misbehaving(run)).toEqual([])
    expect(run.code).toBe(1)
  })

  test('toMatchSchema messages say why', () => {
    expect(failureOf(run, 'toMatchSchema [fail] prose only')).toMatch(/no JSON/i)
    expect(failureOf(run, 'toMatchSchema [fail] prose only')).toContain('The ticket is about billing')
    const missing = failureOf(run, 'toMatchSchema [fail] missing required key')
    expect(missing).toContain('"priority"')
    expect(missing).toContain('"email"')
    expect(missing).toMatch(/partial score: 0\.\d\d/)
    expect(failureOf(run, 'toMatchSchema [fail] strict rejects a fence')).toMatch(/strict|whole/i)
    expect(failureOf(run, 'toMatchSchema [fail] not: valid output')).toContain('not to match the schema')
    expect(failureOf(run, 'toMatchSchema [fail] invalid schema is an error')).toMatch(/invalid (json )?schema/i)
  })

  test('toStayUnderLatency messages give the distribution against the limits', () => {
    const over = failureOf(run, 'toStayUnderLatency [fail] number[] over p95')
    expect(over).toContain('p95 total latency: expected ≤ 500 ms, received 900 ms')
    expect(over).toContain('n=5 p50=130 p95=900 p99=900 max=900 ms')
    const slow = failureOf(run, 'toStayUnderLatency [fail] one slow measured call')
    expect(slow).toMatch(/max total latency: expected ≤ 100 ms, received \d+/)
    const load = failureOf(run, 'toStayUnderLatency [fail] load mode over the limit')
    expect(load).toContain('load: 6 samples at concurrency 3')
    expect(failureOf(run, 'toStayUnderLatency [fail] a cache hit is judged on its recorded timing, not on replay time')).toContain('max total latency: expected ≤ 500 ms, received 900 ms')
    expect(failureOf(run, 'toStayUnderLatency [fail] bad limits are an error')).toContain('limit "p95" must be a non-negative number')
  })

  test('load mode: a saturated client is named (warning on stderr, or a failure when asked), with the loop delay', () => {
    const group = 'toStayUnderLatency load mode and client saturation'
    expect(run.stderr).toMatch(/evalgate: .*a blocked event loop passes.*: clientSaturation: the event loop of the process driving the load was late by up to [\d.]+ ms/)
    const failed = failureOf(run, `${group} [fail] clientSaturation: 'fail' fails a saturated run`)
    expect(failed).toMatch(/clientSaturation: the event loop .* late by up to [\d.]+ ms \(p99; threshold [\d.]+ ms = max\(10 ms, 5% of the p50 [\d.]+ ms\)\)/)
    expect(failed).toContain("(clientSaturation: 'fail')")
    // A saturated run that passed shows no message of its own: the suite report names it.
    expect(run.stdout).toMatch(/^ +load +⚠ /m)
    expect(run.stdout).toMatch(new RegExp(`^ +(load +)?⚠ ${group} > \\[pass\\] a blocked event loop passes[^\\n]*: clientSaturation: the event loop of the process driving the load was late by up to [\\d.]+ ms`, 'm'))
    expect(failed).toMatch(/client event loop: delay p50=[\d.]+ p99=[\d.]+ max=[\d.]+ ms/)
    expect(failureOf(run, `${group} [fail] not: clientSaturation: 'fail' is never a pass`)).toContain("(clientSaturation: 'fail')")
    expect(failureOf(run, `${group} [fail] clientSaturation must be warn or fail`)).toContain('clientSaturation must be "warn" or "fail", got "error"')
    expect(failureOf(run, `${group} [fail] an over-limit load run names the event-loop delay`)).toMatch(/client event loop: delay p50=[\d.]+ p99=[\d.]+/)
  })

  test('the evalgate summary prints beside the default reporter', () => {
    expect(run.stdout).toContain('Test Files')
    expect(run.stdout).toContain('evalgate')
    expect(run.stdout).toMatch(/chat: \d+ call\(s\)/)
    expect(run.stdout).toMatch(/toMatchSchema: \d+ passed/)
  })

  test('no secret reaches the output', () => {
    expect(run.stdout + run.stderr).not.toContain('sk-fixture-secret')
  })
})
