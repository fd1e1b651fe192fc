import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeJudgeProtocol } from '../../../src/judge/index.js'

describe('README', () => {
  it('documents the judge protocol exactly as the engine implements it', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(describeJudgeProtocol())
    for (const heading of ['### `toPassRubric(criteria, options?)` and the judge protocol', '#### Judge protocol', '### `toBeSimilarTo(', '### `toMatchLabel(', '### `toRefuse(', '### `toCallTool(']) {
      expect(readme).toContain(heading)
    }
  })
})
