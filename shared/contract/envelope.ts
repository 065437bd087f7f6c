import { z } from 'zod';
import { gatehouseErrorSchema, type GatehouseErrorShape } from '../errors.js';

/** What every transport (IPC, HTTP) carries back: a value or one of our errors, never a thrown stack. */
export type Envelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatehouseErrorShape };

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: gatehouseErrorSchema }),
]);

/** The Electron IPC channel and the HTTP route prefix: the only transport names in the code base. */
export const IPC_CHANNEL = 'gatehouse:call';
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_TOKEN_HEADER = 'x-gatehouse-token';
