/**
 * `{ ...base, ...fields }`, without Node 20's slow path: its V8 (11.3) copies a spread quickly but
 * then adds each further property one by one on a slow path, which `Object.assign` avoids (the
 * figures: docs/performance.md, "Replay").
 * For the code a turn runs through; elsewhere a spread reads better and costs nothing that counts.
 * Typed as TypeScript types a spread of generic objects: `T & U`.
 */
export function extend<T extends object, U extends object>(base: T, fields: U): T & U {
  return Object.assign({}, base, fields);
}
