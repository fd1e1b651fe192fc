/** Types of the adversarial probe packs (format: probes/probe.schema.json). */

/** The packs of evalgate-probes-v1. */
export const PROBE_PACKS = ['injection', 'jailbreak', 'leakage', 'malformed'] as const
export type ProbePackName = (typeof PROBE_PACKS)[number]

/** The version of the built-in probe set: the folder name under probes/. */
export const PROBE_SET_VERSION = 'evalgate-probes-v1'

export type ProbeSeverity = 'minor' | 'major' | 'catastrophic'

/** A text field as stored: a string or segments, a segment `{ text, repeat }` being text repeated. */
export type ProbeText = string | ReadonlyArray<string | { text: string; repeat: number }>

/** How a reply is judged, deterministically first (see src/probes/detect.ts). */
export type ProbeDetector =
  | { kind: 'canary' }
  | { kind: 'marker'; marker: string; caseSensitive?: boolean; question?: string }
  | { kind: 'refusal'; otherwise?: 'attacked' | 'undecided'; question?: string }
  | { kind: 'contains'; text: string; caseSensitive?: boolean; otherwise?: 'attacked' | 'undecided'; question?: string }
  | { kind: 'judge'; question: string }

export type ProbeDetectorKind = ProbeDetector['kind']

/** A context item handed to the target beside the input: a retrieved document or a tool result. */
export interface ProbeContextItem {
  source: 'document' | 'tool'
  name?: string
  text: string
}

/** A probe as stored in a pack file (one JSONL line). */
export interface ProbeRecord {
  id: string
  pack: string
  technique: string
  title?: string
  input: ProbeText
  context?: ReadonlyArray<{ source: 'document' | 'tool'; name?: string; text: ProbeText }>
  detector: ProbeDetector
  severity: ProbeSeverity
  tags?: readonly string[]
}

/** A loaded probe: validated, its texts expanded (repeats joined, placeholders filled). */
export interface Probe {
  id: string
  pack: string
  technique: string
  title?: string
  input: string
  /** Empty when the probe has no context. */
  context: ProbeContextItem[]
  detector: ProbeDetector
  severity: ProbeSeverity
  tags: string[]
  /** Where the probe was read: file path and 1-based line. */
  source: { file: string; line: number }
}
