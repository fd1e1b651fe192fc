import { checkSchema } from 'evalgate'
import { summarize } from 'evalgate/tools'
import { median } from './timing.js'

export interface MicroResult {
  name: string
  /** What one call does. */
  detail: string
  iterations: number
  /** Mean and percentiles of one call, ms (steady state, after warm-up). */
  meanMs: number
  p50Ms: number
  p99Ms: number
  /** The first call ever, ms (schema compile included), when it differs from steady state. */
  firstMs?: number
  targetMs: number
}

/** A model output of about 2 KB: prose around a ```json fence holding a ticket with 12 line items. */
export function output2k(): { text: string; schema: object } {
  const items = Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${1000 + i}`, title: `Replacement part number ${i} for the order`, quantity: (i % 3) + 1, price: 9.5 + i, refundable: i % 2 === 0 }))
  const ticket = { id: 'T-48213', category: 'billing', priority: 'high', customer: { name: 'Ana Lopez', email: 'ana@example.com' }, items, notes: 'Charged twice for the March subscription; asks for the duplicate charge to be reversed.' }
  const text = `Here is the extracted ticket, as requested:\n\n\`\`\`json\n${JSON.stringify(ticket, null, 2)}\n\`\`\`\n\nLet me know if anything else is needed.`
  const schema = {
    type: 'object',
    required: ['id', 'category', 'priority', 'customer', 'items'],
    properties: {
      id: { type: 'string', pattern: '^T-\\d+$' },
      category: { enum: ['billing', 'bug', 'account', 'feature_request', 'other'] },
      priority: { enum: ['low', 'normal', 'high', 'urgent'] },
      customer: { type: 'object', required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } } },
      items: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['sku', 'quantity', 'price'],
          properties: { sku: { type: 'string' }, title: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number', minimum: 0 }, refundable: { type: 'boolean' } },
        },
      },
      notes: { type: 'string' },
    },
  }
  return { text, schema }
}

/** Times `fn` per call: `warmup` unmeasured calls, then `iterations` timed one by one. */
function timeCalls(fn: () => unknown, iterations: number, warmup: number): { mean: number; p50: number; p99: number } {
  let t = 0
  for (let i = 0; i < warmup; i++) fn()
  const samples = new Array<number>(iterations)
  const start = performance.now()
  for (let i = 0; i < iterations; i++) {
    t = performance.now()
    fn()
    samples[i] = performance.now() - t
  }
  const mean = (performance.now() - start) / iterations
  samples.sort((a, b) => a - b)
  return { mean, p50: median(samples), p99: samples[Math.min(samples.length - 1, Math.ceil(0.99 * samples.length) - 1)] as number }
}

/** The microbenchmarks: `checkSchema` on a 2 KB output and `summarize` on 10k samples (target < 1 ms per call). */
export function runMicro(quick: boolean): MicroResult[] {
  const { text, schema } = output2k()
  const t0 = performance.now()
  const check = checkSchema(text, schema) // first call: compiles the schema (ajv) and caches it
  const coldMs = performance.now() - t0
  if (!check.pass) throw new Error('bench: the 2 KB output must be valid for its schema')
  const iterations = quick ? 200 : 5_000
  const schemaTimes = timeCalls(() => checkSchema(text, schema), iterations, quick ? 20 : 500)

  // Latencies in ms drawn like a real service: log-normal-ish around 400 ms (fixed seed: a plain LCG).
  let seed = 42
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
  const samples = Array.from({ length: 10_000 }, () => Math.round(400 * Math.exp((rand() + rand() + rand() - 1.5) * 0.8)))
  const sumIterations = quick ? 50 : 1_000
  const sumTimes = timeCalls(() => summarize(samples), sumIterations, quick ? 5 : 50)

  return [
    { name: 'checkSchema', detail: `${text.length} B output (fenced JSON in prose, extraction + ajv validation), cached schema`, iterations, meanMs: schemaTimes.mean, p50Ms: schemaTimes.p50, p99Ms: schemaTimes.p99, firstMs: coldMs, targetMs: 1 },
    { name: 'summarize', detail: '10,000 latency samples → n, min, p50, p95, p99, max, mean', iterations: sumIterations, meanMs: sumTimes.mean, p50Ms: sumTimes.p50, p99Ms: sumTimes.p99, targetMs: 1 },
  ]
}
