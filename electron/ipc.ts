import type { StudioContext } from '../core/app/context.js';
import { dispatch } from '../core/app/dispatch.js';
import type { Handlers } from '../core/app/handler.js';
import { IPC_CHANNEL, type Envelope } from '../shared/contract/index.js';
import { GatehouseError } from '../shared/errors.js';
import { isTrustedSender, type SenderFrameLike } from './security.js';

/** What ipcMain.handle hands a listener (only the sender frame matters to us). */
export interface IpcEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

function refusal(error: GatehouseError): Envelope<never> {
  return { ok: false, error: error.toJSON() };
}

/**
 * Registers the desktop transport: ONE channel, (name, input) in, an envelope out. Calls from any frame
 * but our own file:// renderer are refused; everything else goes to dispatch(), which validates input.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  deps: { readonly handlers: Handlers; readonly context: StudioContext; readonly rendererIndexPath: string },
): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame, deps.rendererIndexPath)) {
      return refusal(
        new GatehouseError('GH303', 'Request refused: the sender is not this studio.', {
          details: `Sender frame: ${event.senderFrame?.url ?? '(gone)'}`,
          hint: 'Only the studio window may call the studio.',
        }),
      );
    }
    if (typeof name !== 'string') {
      return refusal(
        new GatehouseError('GH300', 'The request did not name a studio call.', {
          hint: 'Call window.gatehouse.call(name, input) with a call name from the contract.',
        }),
      );
    }
    return dispatch(deps.handlers, deps.context, name, input);
  });
}
