import { ConnectionManager, type ManagerOptions } from '../connections/manager.js';
import { ConnectionStore } from '../connections/store.js';
import { userDataDir } from '../connections/data-dir.js';
import { MemorySecretStore, type SecretStore } from '../connections/secret-store.js';
import { ActAsConfigStore } from '../act-as/config-store.js';
import { ChangeSetStore } from '../changeset/pending-store.js';
import { connectionModelCache } from '../catalog/connection-model.js';
import type { ModelCache } from '../catalog/model-cache.js';

/** What every handler may use: the host's mode and the long-lived services it owns. */
export interface StudioContext {
  readonly mode: 'browser' | 'desktop' | 'cli';
  readonly version: string;
  /** Open database connections (one pg pool each); capabilities use `connections.withClient(id, fn)`. */
  readonly connections: ConnectionManager;
  /** Saved connections: a JSON file without passwords, passwords in the host's SecretStore. */
  readonly savedConnections: ConnectionStore;
  /** The PostgREST configuration act-as uses per connection, kept where passwords are kept. */
  readonly actAsConfigs: ActAsConfigStore;
  /** The pending change set of each connection, shared by every panel. */
  readonly changeSets: ChangeSetStore;
  /**
   * Says that the schema of a connection changed under the studio (DDL committed in the workbench, a change
   * set applied), so whoever keeps a model of it reads it again. Listeners subscribe with `subscribeSchemaChanged`.
   */
  onSchemaChanged(connectionId: string): void;
  /** Calls `listener` on every `onSchemaChanged`; returns the unsubscribe. */
  subscribeSchemaChanged(listener: (connectionId: string) => void): () => void;
  /**
   * The catalog model of each open connection, shared by catalog.read and act-as; invalidated on
   * `onSchemaChanged` and when its connection closes.
   */
  readonly models: ModelCache<string>;
}

export interface StudioContextOptions {
  readonly mode: StudioContext['mode'];
  readonly version: string;
  /** Defaults to the user's data dir (GATEHOUSE_DATA_DIR, XDG_DATA_HOME/gatehouse…). */
  readonly dataDir?: string;
  /** Electron injects its safeStorage store; browser mode and the CLI keep secrets in memory. */
  readonly secrets?: SecretStore;
  readonly manager?: ManagerOptions;
}

/** Builds the services a host owns; the host closes them with `context.connections.closeAll()`. */
export function createStudioContext(options: StudioContextOptions): StudioContext {
  const secrets = options.secrets ?? new MemorySecretStore();
  const connections = new ConnectionManager(options.manager);
  const models = connectionModelCache(connections);
  // The studio's own DDL (a change set, a workbench commit) makes the cached model stale.
  const schemaListeners = new Set<(connectionId: string) => void>([(id) => models.invalidate(id)]);
  return {
    mode: options.mode,
    version: options.version,
    connections,
    models,
    savedConnections: new ConnectionStore(options.dataDir ?? userDataDir(), secrets),
    actAsConfigs: new ActAsConfigStore(secrets),
    changeSets: new ChangeSetStore(),
    onSchemaChanged(connectionId) {
      // A failing listener must not fail the commit that triggered it.
      for (const listener of schemaListeners) {
        try {
          listener(connectionId);
        } catch {
          /* the listener's own problem */
        }
      }
    },
    subscribeSchemaChanged(listener) {
      schemaListeners.add(listener);
      return () => schemaListeners.delete(listener);
    },
  };
}
