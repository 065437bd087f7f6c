import { GatehouseError } from '../../shared/errors.js';

/** Last line of defence: anything that is not already our error becomes GH900 with its message, never a stack. */
export function toGatehouseError(error: unknown): GatehouseError {
  if (error instanceof GatehouseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatehouseError('GH900', `Unexpected failure: ${message}`, {
    hint: 'This is a bug in Gatehouse; please report it with the steps that led here.',
    cause: error,
  });
}
