/** PostgREST configuration for the act-as simulator: postgrest.conf + PGRST_* environment → PostgrestConfig. */
export type * from './types.js';
export { loadPostgrestConfig, defaultPostgrestConfig } from './load.js';
export type { LoadConfigInput } from './load.js';
export { parseConfigText } from './file-syntax.js';
export { parseJsPath, evaluateJsPath, defaultRoleClaimKey } from './js-path.js';
export { jwtKeysFromSecret } from './secret.js';
