/**
 * Thrown for bad arguments to evalgate's test-time API (matcher options, judge overrides): an error in the
 * test, not a failed assertion about the output. Here (not in matchers/) so endpoints/ can throw it too.
 */
export class MatcherUsageError extends Error {
  override name = 'EvalgateUsageError'
}
