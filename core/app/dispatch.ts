import { contract, isCallName, type CallName, type Envelope } from '../../shared/contract/index.js';
import { GatehouseError } from '../../shared/errors.js';
import type { StudioContext } from './context.js';
import type { Handlers } from './handler.js';
import { toGatehouseError } from './to-gatehouse-error.js';

/**
 * The single entry point every host uses: validate the call name and its input against the contract,
 * run the handler, and return an envelope. Nothing thrown escapes; unknown failures become GH900.
 */
export async function dispatch(
  handlers: Handlers,
  context: StudioContext,
  name: string,
  rawInput: unknown,
): Promise<Envelope<unknown>> {
  try {
    if (!isCallName(name)) {
      throw new GatehouseError('GH301', `There is no studio call named "${name}".`, {
        hint: 'The renderer and the host are from different versions; reload the studio.',
      });
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new GatehouseError('GH300', `Invalid input for ${name}.`, {
        details: parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '),
        hint: 'Fix the highlighted field and try again.',
      });
    }
    const handler = handlers[name] as (input: unknown, context: StudioContext) => Promise<unknown>;
    const value = await handler(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toGatehouseError(error).toJSON() };
  }
}

export type { CallName };
