import { z } from 'zod';
import type { GatehouseErrorShape } from '../errors.js';
import { gatehouseErrorSchema } from './error.js';

/** What every transport (IPC, HTTP) carries back: a value or one of our errors, never a thrown stack. */
export type Envelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatehouseErrorShape };

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: gatehouseErrorSchema }),
]);

export { IPC_CHANNEL, HTTP_CALL_PREFIX, HTTP_TOKEN_HEADER } from './transport-names.js';
