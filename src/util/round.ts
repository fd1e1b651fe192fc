/** `n` rounded to hundredths: how measured times (ms) and rates are stored and shown. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100
}
