import {
  assertShadowMajor,
  connectShadowServer,
  startShadowServer,
  type ShadowServer,
} from './shadow-server.js';
import type { Connect } from './connect.js';

/**
 * The shadow servers one diff uses, stopped together by `close()`. Without `shadowUri` every call starts a
 * cluster of its own (a folder's CREATE ROLE must not meet the other folder's); with it, one existing server
 * serves every call (its major checked against the one wanted) and only the databases made on it are dropped.
 */
export class ShadowPool {
  private readonly started: ShadowServer[] = [];
  private readonly dropLater: (() => Promise<void>)[] = [];
  private external: Promise<ShadowServer> | null = null;

  constructor(private readonly options: { readonly shadowUri?: string; readonly connect: Connect }) {}

  /** A server of `major` (`why` names what asks for that major, for the mismatch error). */
  async server(major: number, why: string): Promise<ShadowServer> {
    let server: ShadowServer;
    if (this.options.shadowUri !== undefined) {
      this.external ??= connectShadowServer(this.options.shadowUri, this.options.connect);
      server = await this.external;
      assertShadowMajor(server, major, why);
    } else {
      server = await startShadowServer(major);
      this.started.push(server);
    }
    return {
      ...server,
      createDatabase: async () => {
        const db = await server.createDatabase();
        this.dropLater.push(() => db.drop());
        return db;
      },
    };
  }

  async close(): Promise<void> {
    if (this.options.shadowUri !== undefined) for (const drop of this.dropLater.splice(0)) await drop();
    await Promise.all(this.started.splice(0).map((s) => s.stop().catch(() => undefined)));
  }
}
