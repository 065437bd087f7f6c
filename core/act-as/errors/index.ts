/** Errors of the act-as pipeline: see result.ts for the convention (stages return Result, never throw). */
export * from './pgrst-error.js';
export * from './result.js';
export * from './codes.js';
export * from './pg-status.js';
