/** What kind of look-alike was neutralised. */
export type LookAlikeKind = 'delimiter_tag' | 'bracket_run' | 'answer_key'

/** One neutralised sequence, as it was in the original text. */
export interface NeutralisedSequence {
  kind: LookAlikeKind
  original: string
}

/** The neutralised text and what was changed (empty when nothing was). */
export interface NeutraliseResult {
  text: string
  replaced: NeutralisedSequence[]
}

/** Opening / closing angle brackets and their full-width and small-form look-alikes. */
const OPEN = '<\uFF1C\uFE64'
const CLOSE = '>\uFF1E\uFE65'
/** Zero-width characters that could hide inside a bracket run. */
const ZW = '\u200B-\u200D\u2060\uFEFF'

/** Any brackets (even one) hugging an `EVALGATE_…` / `END_EVALGATE_…` tag, e.g. `<<END_EVALGATE_OUTPUT_x>`. */
const TAG = new RegExp(`(?:[${OPEN}${ZW}]+[ \\t]*)?(?:END_)?EVALGATE_[A-Za-z0-9_]*(?:[ \\t]*[${CLOSE}${ZW}]+)?`, 'gi')
/** Three or more brackets in a row (zero-width characters between them ignored). */
const RUN = new RegExp(`[${OPEN}](?:[${ZW}]*[${OPEN}]){2,}|[${CLOSE}](?:[${ZW}]*[${CLOSE}]){2,}`, 'g')
/** A JSON key that could pass for the judge's answer: `"verdicts":` or `"winner":`. */
const KEY = /"(verdicts|winner)"(\s*:)/gi

const OPEN_CHAR = new RegExp(`[${OPEN}]`, 'g')
const CLOSE_CHAR = new RegExp(`[${CLOSE}]`, 'g')
const ZW_CHAR = new RegExp(`[${ZW}]`, 'g')

function swapBrackets(text: string): string {
  return text.replace(ZW_CHAR, '').replace(OPEN_CHAR, '\u2039').replace(CLOSE_CHAR, '\u203A')
}

/**
 * Makes judged text unable to imitate the request's delimiters or the judge's answer:
 * - brackets hugging an `EVALGATE_` tag, and any run of 3+ angle brackets (also full-width `＜`/small
 *   `﹤` forms, zero-width characters in between), become `‹`/`›` (zero-width characters dropped);
 * - the JSON keys `"verdicts":` and `"winner":` get curly quotes (`“verdicts”:`).
 * Everything else is left as is. Idempotent: neutralising the result again changes nothing and reports
 * nothing. The request states that this was done, so the judge reads the original meaning.
 */
export function neutraliseDelimiters(text: string): NeutraliseResult {
  const replaced: NeutralisedSequence[] = []
  const step = (kind: LookAlikeKind, fix: (match: string) => string) => (match: string): string => {
    const fixed = fix(match)
    if (fixed !== match) replaced.push({ kind, original: match })
    return fixed
  }
  const out = text
    .replace(TAG, step('delimiter_tag', swapBrackets))
    .replace(RUN, step('bracket_run', swapBrackets))
    .replace(KEY, step('answer_key', (match) => match.replace(/"(\w+)"/, '\u201C$1\u201D')))
  return { text: out, replaced }
}
