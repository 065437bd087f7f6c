export { createClient, type Client } from './create-client.js';
export type { Transport } from './transport.js';
export { createHttpTransport } from './http-transport.js';
export { createIpcTransport, type GatehouseBridge } from './ipc-transport.js';
export { pickTransport } from './pick-transport.js';
export { ClientProvider, useClient } from './client-context.js';
export { asErrorShape, isConnectionLost } from './errors.js';
