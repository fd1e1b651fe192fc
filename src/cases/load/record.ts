import type { FieldIssue } from './normalize.js'
import type { PathSegment } from '../../util/json-path.js'

/** One record as a format reader produced it, before validation. */
export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number
  /** The parsed record; absent when it could not be parsed at all. */
  value?: unknown
  /** Problems the reader found (unparseable line, bad CSV cell). */
  issues: FieldIssue[]
  /** Line of a field inside the record, for formats where records span lines. */
  lineOf?: (path: PathSegment[]) => number
}

/** Streams the records of one file; throws `CaseFileError` for problems with the file as a whole. */
export type RecordReader = (path: string) => AsyncGenerator<RawRecord>
