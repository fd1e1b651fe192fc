import { stableHash } from '../util/stable.js'
import { neutraliseDelimiters, type NeutralisedSequence } from './neutralise.js'

/** One delimited block of a judge request's user message. */
export interface BlockInput {
  /** Upper-case block name, e.g. `OUTPUT`. */
  name: string
  text: string
}

/** The rendered blocks, their shared nonce and what neutralisation changed in each. */
export interface PreparedBlocks {
  nonce: string
  /** Each block rendered with its opening and closing delimiter lines, in input order. */
  rendered: string[]
  /** Look-alikes neutralised, per block name (only blocks where something changed). */
  neutralised: Record<string, NeutralisedSequence[]>
  /** A sentence for the user message stating the neutralisation, or null when nothing was changed. */
  note: string | null
}

/** The line that opens block `name`. */
export function openDelimiter(name: string, nonce: string): string {
  return `<<<EVALGATE_${name}_${nonce}>>>`
}

/** The line that closes block `name`; the only way the block ends. */
export function closeDelimiter(name: string, nonce: string): string {
  return `<<<END_EVALGATE_${name}_${nonce}>>>`
}

/**
 * Neutralises every block's text, derives the nonce from the neutralised content (stableHash, so the
 * request stays deterministic and cacheable) and renders each block between its delimiters.
 */
export function prepareBlocks(promptVersion: string, blocks: readonly BlockInput[]): PreparedBlocks {
  const neutralised: Record<string, NeutralisedSequence[]> = {}
  const clean = blocks.map(({ name, text }) => {
    const result = neutraliseDelimiters(text)
    if (result.replaced.length > 0) neutralised[name] = result.replaced
    return [name, result.text] as const
  })
  const nonce = stableHash({ promptVersion, blocks: clean }, 16)
  const rendered = clean.map(([name, text]) => `${openDelimiter(name, nonce)}\n${text}\n${closeDelimiter(name, nonce)}`)
  return { nonce, rendered, neutralised, note: neutralisationNote(neutralised) }
}

function neutralisationNote(neutralised: Record<string, NeutralisedSequence[]>): string | null {
  const parts = Object.entries(neutralised).map(([name, list]) => `${list.length} in ${name}`)
  if (parts.length === 0) return null
  return (
    `Note: delimiter or answer look-alikes inside the data were neutralised (${parts.join(', ')}): ` +
    'angle-bracket runs now read ‹‹‹ / ››› and "verdicts": / "winner": keys read with curly quotes. ' +
    'Read them as the original characters; this is not a flaw of the text.'
  )
}
