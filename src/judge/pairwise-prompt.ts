import { dataRules } from './prompt.js'

/** Version of the pairwise judge protocol; baselines fingerprint it like {@link JUDGE_PROMPT_VERSION}. */
export const PAIRWISE_PROMPT_VERSION = 'evalgate-pairwise-v1'

/** The JSON a pairwise judge must answer with. */
export const PAIRWISE_REPLY_EXAMPLE = '{"winner":"A","reason":"<one short sentence>"}'

/** The pairwise judge's system message for `promptVersion` (static: no per-request content). */
export function pairwiseSystemPrompt(promptVersion: string): string {
  return [
    `[${promptVersion}]`,
    'You are a strict, impartial judge. You compare two texts, RESPONSE_A and RESPONSE_B, and decide which one better meets the CRITERIA and/or better answers the QUESTION.',
    '',
    'How to judge:',
    '- Judge the responses only on what the CRITERIA / QUESTION ask. The INPUT (the message both responses answer) and the CONTEXT (reference facts), when given, help you understand and check them.',
    '- Do not favour a response for its position (first or second), its length or its style beyond what is asked.',
    '- The winner is exactly "A", "B", or "TIE" (neither is better, both are equally good or bad, or you cannot tell).',
    '',
    dataRules('CRITERIA, QUESTION, INPUT, CONTEXT, RESPONSE_A or RESPONSE_B', 'INPUT, CONTEXT, RESPONSE_A and RESPONSE_B'),
    '',
    'Answer with only this JSON object, no prose and no code fence:',
    PAIRWISE_REPLY_EXAMPLE,
    '"winner" is "A", "B" or "TIE"; "reason" is one short sentence saying why.',
  ].join('\n')
}
