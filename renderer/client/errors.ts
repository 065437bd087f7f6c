import { GatehouseError, type GatehouseErrorShape } from '../../shared/errors.js';

/** Any failure as our error shape, for display: unknown throws become GH900 with their message. */
export function asErrorShape(error: unknown): GatehouseErrorShape {
  if (error instanceof GatehouseError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'GH900', message, details: null, hint: null };
}

/** GH105 and friends: the database went away, the page should offer to reconnect. */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof GatehouseError && (error.code === 'GH105' || error.code === 'GH100');
}
