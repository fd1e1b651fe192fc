/**
 * Knobs of the example suite for runs against another server (evalgate's own real-server leg uses them;
 * unset, the suite runs every case exactly as committed):
 * - `EVALGATE_EXAMPLE_LIMIT=N` (in limit.ts): N cases, round-robin over the categories, the rest skipped;
 * - `EXAMPLE_TEMPERATURE=t`: sampling temperature of classify and extract (default 0);
 * - `EXAMPLE_JUDGE_MAX_TOKENS=n`: the judge's `max_tokens` (default: evalgate's `judge.maxTokens`).
 */
function positive(name: string, integer: boolean): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) throw new Error(`example-suite: ${name} must be a ${integer ? 'positive integer' : 'number >= 0'}, got ${JSON.stringify(raw)}`)
  return n
}

export const exampleTemperature = (): number => positive('EXAMPLE_TEMPERATURE', false) ?? 0
export const exampleJudgeMaxTokens = (): number | undefined => positive('EXAMPLE_JUDGE_MAX_TOKENS', true)
