export { parseTranscript, isErrorResult, TrajectoryInputError } from './parse.js'
export type { Transcript, TrajectoryCall } from './parse.js'
export { scoreTrajectory } from './score.js'
export type { TrajectorySpec, TrajectoryScore } from './score.js'
