/**
 * The options-slice pattern: each feature owns its slice of the `evalgate()` plugin options (user type,
 * resolved type, defaults and JSON schema in one file); src/plugin/options.ts only composes the slices,
 * and worker code reads its slice with `optionSlice(slice)` (src/worker/context.ts).
 */
export interface OptionSlice<K extends string, Given, Resolved> {
  /** The plugin option's name, e.g. `'cache'`. */
  readonly key: K
  /** What workers use when the plugin is not in use (and what an absent option resolves to). */
  readonly defaults: Resolved
  /** JSON schema of the given value (ajv, `additionalProperties: false` so unknown keys are named). */
  readonly schema: object
  /** Applies the defaults to a value that passed the schema. */
  resolve(given: Given | undefined): Resolved
}

/** A slice whose value is an object and resolves as `{ ...defaults, ...given }`. */
export function objectSlice<K extends string, Given extends object, Resolved extends object>(
  key: K,
  defaults: Resolved,
  schema: object,
): OptionSlice<K, Given, Resolved> {
  return { key, defaults, schema, resolve: (given) => ({ ...defaults, ...given }) as Resolved }
}
