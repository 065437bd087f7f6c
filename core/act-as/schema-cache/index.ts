export * from './types.js';
export { buildSchemaCache, type RawSchemaCache } from './build.js';
export { loadSchemaCache, type ClientSource, type Queryable } from './load.js';
