import type { Server } from 'node:net';
import { GatehouseError } from '../../shared/errors.js';

/**
 * Listens on host:port, turning the two mistakes people make (a port in use, a privileged port) into our
 * error with the way out, instead of a raw EADDRINUSE.
 */
export function listen(server: Server, port: number, host: string, flag = '--port'): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE')
        reject(
          new GatehouseError('GH307', `Port ${port} on ${host} is already in use.`, {
            hint: `Stop whatever listens there, or pick another port with ${flag} N (${flag} 0 picks a free one).`,
            cause: error,
          }),
        );
      else if (error.code === 'EACCES')
        reject(
          new GatehouseError('GH307', `Not allowed to listen on port ${port} of ${host}.`, {
            hint: `Ports below 1024 need privileges: pick one above 1024 with ${flag} N.`,
            cause: error,
          }),
        );
      else reject(error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
