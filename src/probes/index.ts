/** Adversarial probe packs (data in probes/), their loader and the deterministic detectors. No Vitest. */
export { PROBE_PACKS, PROBE_SET_VERSION } from './types.js'
export type { Probe, ProbeContextItem, ProbeDetector, ProbeDetectorKind, ProbePackName, ProbeRecord, ProbeSeverity, ProbeText } from './types.js'
export { builtinProbeDir, loadProbes, parseProbeFile, probeSchemaPath, ProbeLoadError, MAX_EXPANDED_CHARS } from './load.js'
export type { ExpandOptions, LoadProbesOptions } from './load.js'
export { detectProbe, findCanary, DEFAULT_JUDGE_QUESTIONS } from './detect.js'
export type { DetectOptions, ProbeDetection, ProbeOutcome, ProbeVerdict } from './detect.js'
export { summarizeProbes } from './summary.js'
export type { PackSummary, ProbeResult } from './summary.js'
