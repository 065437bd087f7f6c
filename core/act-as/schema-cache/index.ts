export * from './types.js';
export { schemaCacheFromCatalog, type SchemaCacheConfig } from './derive.js';
