/**
 * Heavy CommonJS dependencies loaded on first use, not at import: the plugin's config process and the
 * worker setup file stay lean, and a matcher that never checks a schema never loads ajv. A CommonJS
 * `require` is synchronous, so the sync matchers (`toMatchSchema`) can use it.
 */
import { createRequire } from 'node:module'
import type * as AjvModule from 'ajv'
import type * as Ajv2019Module from 'ajv/dist/2019.js'
import type * as Ajv2020Module from 'ajv/dist/2020.js'
import type * as AjvFormatsModule from 'ajv-formats'

const require = createRequire(import.meta.url)

/** The `ajv` package (draft-07 `Ajv` class). */
export function loadAjv(): typeof AjvModule {
  return require('ajv') as typeof AjvModule
}

/** `ajv/dist/2019.js` (draft 2019-09). */
export function loadAjv2019(): typeof Ajv2019Module {
  return require('ajv/dist/2019.js') as typeof Ajv2019Module
}

/** `ajv/dist/2020.js` (draft 2020-12). */
export function loadAjv2020(): typeof Ajv2020Module {
  return require('ajv/dist/2020.js') as typeof Ajv2020Module
}

/** `ajv-formats`: its `module.exports` (the plugin is its `.default`), as `import formats from 'ajv-formats'` gives. */
export function loadAjvFormats(): typeof AjvFormatsModule.default {
  return require('ajv-formats') as typeof AjvFormatsModule.default
}
