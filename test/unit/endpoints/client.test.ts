import { describe, expect, it } from 'vitest'
import { describeCallError, endpointLabel, redact, rejectsResponseFormat } from '../../../src/endpoints/client.js'

// Shapes of the openai SDK's errors (matched by class name and fields, like the SDK's own).
class APIConnectionError extends Error {
  status = undefined
}
class APIConnectionTimeoutError extends APIConnectionError {}
class StatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const context = { baseURL: 'http://user:pw@127.0.0.1:8080/v1/?key=sk-abc123', timeout: 500, apiKey: 'sk-abc123' }

describe('endpoint helpers', () => {
  it('labels an endpoint without credentials or query', () => {
    expect(endpointLabel(context.baseURL)).toBe('http://127.0.0.1:8080/v1')
    expect(endpointLabel(undefined)).toBe('the openai SDK default endpoint')
    expect(endpointLabel('not a url')).toBe('(unparseable baseURL)')
  })

  it('redacts secrets', () => {
    expect(redact('key sk-abc123 and sk-abc123', ['sk-abc123', undefined, ''])).toBe('key [REDACTED] and [REDACTED]')
  })

  it('recognises a 400 about response_format', () => {
    expect(rejectsResponseFormat(new StatusError(400, "400 Invalid parameter: 'response_format' of type 'json_schema' is not supported"))).toBe(true)
    expect(rejectsResponseFormat(new StatusError(400, '400 model not found'))).toBe(false)
    expect(rejectsResponseFormat(new StatusError(500, 'response_format'))).toBe(false)
  })

  it('describes each failure with the endpoint, the attempts and the status, redacting the key', () => {
    expect(describeCallError('judge', new APIConnectionError('Connection error.'), 1, context)).toBe(
      'judge endpoint unreachable at http://127.0.0.1:8080/v1 (connection failed, 1 attempt): Connection error.',
    )
    expect(describeCallError('judge', new APIConnectionTimeoutError('Request timed out.'), 3, context)).toBe(
      'judge call timed out after 500 ms per attempt (3 attempts) at http://127.0.0.1:8080/v1',
    )
    expect(describeCallError('judge', new StatusError(500, '500 boom'), 3, context)).toBe('judge endpoint answered HTTP 500 (server error) after 3 attempts at http://127.0.0.1:8080/v1: 500 boom')
    expect(describeCallError('judge', new StatusError(429, '429 slow down'), 3, context)).toContain('HTTP 429 (rate limited) after 3 attempts')
    expect(describeCallError('embeddings', new StatusError(401, '401 Incorrect API key provided: sk-abc123'), 1, context)).toBe(
      'embeddings endpoint answered HTTP 401 (authentication failed: check the API key) after 1 attempt at http://127.0.0.1:8080/v1: 401 Incorrect API key provided: [REDACTED]',
    )
    expect(describeCallError('judge', new SyntaxError('Unexpected token < in JSON'), 1, context)).toContain('answered with a body that is not valid JSON (1 attempt)')
  })
})
