/** The key under which evalgate keeps its data in Vitest task meta (`task.meta.evalgate`). */
export const META_KEY = 'evalgate'
