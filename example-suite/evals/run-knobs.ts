/**
 * Knobs of the example suite for runs against another server (evalgate's own real-server leg uses them;
 * unset, the suite runs every case exactly as committed):
 * - `EVALGATE_EXAMPLE_LIMIT=N` (in limit.ts): N cases, round-robin over the categories, the rest skipped;
 * - `EXAMPLE_TEMPERATURE=t`: sampling temperature of classify and extract (default 0);
 * - `EXAMPLE_JUDGE_MAX_TOKENS=n`: the judge's `max_tokens` (default: evalgate's `judge.maxTokens`);
 * - `EXAMPLE_TRIALS=n`: trials per case for classify and extract (default 1) and replies (default 3, at least n);
 * - `EXAMPLE_BASELINE_TRIALS=n`: `baselines.trials`, the trials each case runs when `-u` re-records (default 1).
 * With a nondeterministic model (temperature > 0), set both (e.g. 3 and 6) as the README's "Noisy models" says.
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
export const exampleTrials = (fallback: number): number => Math.max(fallback, positive('EXAMPLE_TRIALS', true) ?? 1)
export const exampleBaselineTrials = (): number => positive('EXAMPLE_BASELINE_TRIALS', true) ?? 1
