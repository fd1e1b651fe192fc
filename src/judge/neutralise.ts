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

/**
 * Opening / closing angle brackets and their look-alikes: full-width `＜`, small `﹤`, mathematical and CJK
 * angle brackets `⟨〈〈《`, heavy ornaments `❮❰`, guillemets `«` (and `‹`, what evalgate writes instead).
 */
const OPEN = '<\uFF1C\uFE64\u27E8\u2329\u3008\u300A\u276E\u2770\u00AB\u2039\u1438'
const CLOSE = '>\uFF1E\uFE65\u27E9\u232A\u3009\u300B\u276F\u2771\u00BB\u203A\u1433'
/** Zero-width characters that could hide inside a bracket run or a tag word. */
const ZW = '\u200B-\u200D\u2060\uFEFF'
/** Invisible format characters removed from judged text: zero-width, bidi controls and isolates, soft hyphen. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** Latin letters and their common look-alikes (Cyrillic, Greek, full-width) as regex classes, for tag words. */
const CONFUSABLE: Record<string, string> = {
  A: 'AaАаΑαＡａ', B: 'BbВвΒβＢｂ', C: 'CcСсϹϲＣｃ', D: 'DdԁＤｄ', E: 'EeЕеΕεＥｅ', G: 'GgԌԍＧｇ', H: 'HhНнΗＨｈ',
  I: 'IiІіΙιӀＩｉ', K: 'KkКкΚκＫｋ', L: 'LlӏＬｌ', M: 'MmМмΜＭｍ', N: 'NnΝＮｎ', O: 'OoОоΟοＯｏ', P: 'PpРрΡρＰｐ',
  R: 'RrＲｒ', S: 'SsЅѕＳｓ', T: 'TtТтΤτＴｔ', U: 'UuＵｕ', V: 'VvѴѵＶｖ', W: 'WwԜԝＷｗ', X: 'XxХхΧχＸｘ', Y: 'YyУуΥＹｙ',
}

/** A regex source matching `word` with look-alike letters and zero-width characters between them. */
function fuzzy(word: string): string {
  return [...word].map((ch) => (CONFUSABLE[ch] ? `[${CONFUSABLE[ch]}]` : ch === '_' ? '[_\uFF3F]' : ch)).join(`[${ZW}]*`)
}

/** HTML entities that spell brackets (named, decimal, hex; `&amp;` first, so double encoding is seen). */
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', lsaquo: '\u2039', rsaquo: '\u203A', laquo: '\u00AB', raquo: '\u00BB', lang: '\u27E8', rang: '\u27E9', quot: '"', amp: '&' }

/** Decodes HTML entities (up to 3 rounds for `&amp;lt;`): what a judge reading the text would understand. */
export function decodeEntities(text: string): string {
  let out = text
  for (let i = 0; i < 3; i++) {
    const next = out.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
      const lower = body.toLowerCase()
      if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16)) ?? m
      if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10)) ?? m
      return ENTITIES[lower] ?? m
    })
    if (next === out) break
    out = next
  }
  return out
}

function safeChar(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}

/**
 * The canonical form look-alikes are detected on: HTML entities decoded, Unicode NFKC (full-width and
 * compatibility forms folded), invisible format characters (zero-width, bidi) removed.
 */
export function canonicalForm(text: string): string {
  return decodeEntities(text).normalize('NFKC').replace(INVISIBLE, '')
}

/** Any brackets (even one) hugging an `EVALGATE_…` / `END_EVALGATE_…` tag, e.g. `<<END_EVALGATE_OUTPUT_x>`. */
const TAG = new RegExp(`(?:[${OPEN}${ZW}]+[ \\t]*)?(?:${fuzzy('END')}[_\uFF3F])?${fuzzy('EVALGATE')}[_\uFF3F][A-Za-z0-9_]*(?:[ \\t]*[${CLOSE}${ZW}]+)?`, 'gi')
/** Three or more brackets in a row (zero-width characters between them ignored). */
const RUN = new RegExp(`[${OPEN}](?:[${ZW}]*[${OPEN}]){2,}|[${CLOSE}](?:[${ZW}]*[${CLOSE}]){2,}`, 'g')
/**
 * A JSON key that could pass for the judge's answer — `"verdicts":`, `"winner":`, also spelt with JSON
 * escapes (`"ver\\u0064icts"`), look-alike letters or in another case — and its look-alike colon.
 */
const KEY = /"((?:[^"\\\n]|\\.){1,60})"(\s*[:\uFF1A])/g
const ANSWER_KEYS = new Set(['verdicts', 'winner'])

/** What a quoted JSON key means, decoded and folded to Latin lower case; undefined when not valid JSON. */
function keyMeaning(quoted: string): string | undefined {
  let decoded: unknown
  try {
    decoded = JSON.parse(`"${quoted}"`)
  } catch {
    return undefined
  }
  if (typeof decoded !== 'string') return undefined
  let out = ''
  for (const ch of canonicalForm(decoded)) {
    const latin = Object.keys(CONFUSABLE).find((k) => CONFUSABLE[k]!.includes(ch))
    out += latin ?? ch
  }
  return out.toLowerCase()
}

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
  // Entities that spell brackets are decoded and invisible characters dropped first: the judge reads the
  // meaning, so look-alikes are found on that canonical form, not on the raw bytes.
  const canonical = decodeEntities(text).replace(INVISIBLE, (ch) => {
    replaced.push({ kind: 'bracket_run', original: ch })
    return ''
  })
  if (canonical !== text && replaced.length === 0) replaced.push({ kind: 'bracket_run', original: 'HTML entities' })
  const out = canonical
    .replace(TAG, step('delimiter_tag', swapBrackets))
    .replace(RUN, step('bracket_run', swapBrackets))
    .replace(KEY, (match, quoted: string, colon: string) => {
      if (!ANSWER_KEYS.has(keyMeaning(quoted) ?? '')) return match
      replaced.push({ kind: 'answer_key', original: match })
      return `\u201C${quoted}\u201D${colon}`
    })
  return { text: out, replaced }
}
