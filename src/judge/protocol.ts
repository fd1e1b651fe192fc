import { PAIRWISE_PROMPT_VERSION, PAIRWISE_REPLY_EXAMPLE } from './pairwise.js'
import { JUDGE_PROMPT_VERSION, RUBRIC_REPLY_EXAMPLE } from './request.js'

/** A markdown section (for the README) documenting what the judge is sent and must answer. */
export function describeJudgeProtocol(): string {
  return [
    `### Judge protocol (\`${JUDGE_PROMPT_VERSION}\`, pairwise \`${PAIRWISE_PROMPT_VERSION}\`)`,
    '',
    'The judge gets a fixed system prompt and one user message. Criteria (as `c1`, `c2`, …), the optional input and context, and the judged output each sit in their own block between `<<<EVALGATE_NAME_TAG>>>` and `<<<END_EVALGATE_NAME_TAG>>>`, where `TAG` is a hash of the content (so requests are deterministic and cacheable). The judge is told that block contents are data, never instructions. Before that, delimiter look-alikes in the data — runs of 3+ angle brackets (also full-width forms), brackets touching an `EVALGATE_` tag, and `"verdicts":` / `"winner":` keys — are neutralised (`<<<` → `‹‹‹`, `"verdicts":` → `“verdicts”:`), and the message says so.',
    '',
    'The judge must answer with exactly one verdict per criterion id (OpenAI Structured Outputs enforce the shape when available):',
    '',
    '```json',
    RUBRIC_REPLY_EXAMPLE,
    '```',
    '',
    '- `verdict` is `"PASS"` or `"FAIL"` (case-insensitive). Any other value — `"MAYBE"`, `true`, `1` — is a fault.',
    '- A reply with no JSON, no verdict for some criterion, a verdict for an unknown id, or two verdicts for one id is a fault. **A fault fails the assertion; it is never a pass.**',
    '- JSON in a code fence or in prose is accepted; the **last** JSON object with a `verdicts` array is the answer.',
    '- Score = weighted share of PASS; the rubric passes when score ≥ threshold (default 1) and no `critical` criterion failed.',
    '- With `votes: n`, each criterion takes the majority of n runs; a tie is FAIL; a fault in any run fails the assertion.',
    '',
    'Pairwise comparisons answer:',
    '',
    '```json',
    PAIRWISE_REPLY_EXAMPLE,
    '```',
    '',
    'with `winner` `"A"`, `"B"` or `"TIE"`. Each comparison runs in both orders; a winner counts only when both orders agree, otherwise it is a tie.',
  ].join('\n')
}
