import { describe, expect, test } from 'vitest'
import { parseDuration } from '../../../src/cli/args.js'
import { useCli } from './helpers.js'

const { cli } = useCli()

describe('evalgate CLI: help and errors', () => {
  test('--help for the CLI and for every command, exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['select', '--help'], ['sample', '-h'], ['cache', '--help'], ['cache', 'stats', '--help'], ['cache', 'prune', '--help']]) {
      const run = await cli(...argv)
      expect(run.code, argv.join(' ')).toBe(0)
      expect(run.out).toMatch(/^Usage: evalgate/)
      expect(run.err).toBe('')
    }
    expect((await cli('select', '--help')).out).toContain('--budget-cases N')
    expect((await cli('sample', '--help')).out).toContain('--category-field F')
    expect((await cli('cache', 'prune', '--help')).out).toContain('--older-than AGE')
  })

  test('no command prints the usage on stderr, exit 2; --version prints the package version', async () => {
    const none = await cli()
    expect(none.code).toBe(2)
    expect(none.err).toContain('Usage: evalgate <command>')
    const version = await cli('--version')
    expect(version).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  test('unknown command, unknown flag, missing value, extra argument: message and exit 2', async () => {
    expect(await cli('selekt')).toMatchObject({ code: 2, err: 'evalgate: unknown command "selekt"; expected one of select, sample, cache, pairwise (see `evalgate --help`)' })
    expect(await cli('select', 'cases.jsonl', '--budget', '3')).toMatchObject({ code: 2, err: 'evalgate select: unknown option --budget (see `evalgate select --help`)' })
    expect(await cli('select', 'cases.jsonl', '--seed')).toMatchObject({ code: 2, err: 'evalgate select: option --seed needs a value (see `evalgate select --help`)' })
    expect(await cli('select', 'a.jsonl', 'b.jsonl', '--budget-cases', '2')).toMatchObject({ code: 2, err: expect.stringContaining('unexpected argument "b.jsonl"') })
    expect(await cli('select', '--budget-cases', '2')).toMatchObject({ code: 2, err: expect.stringContaining('missing <cases-file>') })
    expect(await cli('select', 'a.jsonl')).toMatchObject({ code: 2, err: expect.stringContaining('give --budget-cases N, --budget-minutes M, or both') })
    expect(await cli('select', 'a.jsonl', '--budget-cases', 'many')).toMatchObject({ code: 2, err: expect.stringContaining('--budget-cases must be an integer >= 0, got "many"') })
    expect(await cli('sample', 'logs.jsonl', '--total', '3')).toMatchObject({ code: 2, err: expect.stringContaining('--out FILE is required') })
    expect(await cli('cache', 'clear')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "clear"; expected stats or prune') })
    expect(await cli('cache', 'prune')).toMatchObject({ code: 2, err: expect.stringContaining('exactly one of --older-than AGE or --all') })
    expect(await cli('cache', 'prune', '--older-than', 'a month')).toMatchObject({ code: 2, err: expect.stringContaining('duration like 30d') })
    expect(await cli('cache', 'stats', '--all')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --all') })
  })

  test('missing files: message naming the file, exit 1', async () => {
    const select = await cli('select', 'nope.jsonl', '--budget-cases', '2')
    expect(select.code).toBe(1)
    expect(select.err).toMatch(/^evalgate select: .*nope\.jsonl: file not found$/)
    const sample = await cli('sample', 'logs.jsonl', '--total', '2', '--out', 'x.jsonl')
    expect(sample).toMatchObject({ code: 1, err: expect.stringMatching(/logs\.jsonl: file not found$/) })
    expect(await cli('cache', 'stats')).toMatchObject({ code: 1, err: expect.stringContaining('no cache folder at') })
  })

  test('durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration('2w')).toBe(14 * 86_400_000)
    expect(parseDuration('10')).toBeUndefined()
    expect(parseDuration('-1d')).toBeUndefined()
  })
})
