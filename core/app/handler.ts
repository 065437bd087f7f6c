import type { CallInput, CallName, CallOutput } from '../../shared/contract/index.js';
import type { StudioContext } from './context.js';

export type Handler<N extends CallName> = (
  input: CallInput<N>,
  context: StudioContext,
) => Promise<CallOutput<N>>;

/** Every call of the contract must have a handler: adding a call fails the build until one exists. */
export type Handlers = { readonly [N in CallName]: Handler<N> };

/** A capability's share of the handlers, checked against the contract. */
export type HandlerGroup<P extends string> = {
  readonly [N in Extract<CallName, `${P}.${string}`>]: Handler<N>;
};
