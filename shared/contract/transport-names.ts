// Kept free of zod so the sandboxed preload bundle stays a few hundred bytes.

/** The Electron IPC channel and the HTTP route prefix: the only transport names in the code base. */
export const IPC_CHANNEL = 'gatehouse:call';
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_TOKEN_HEADER = 'x-gatehouse-token';
