import { ConnectionManager, type ManagerOptions } from '../connections/manager.js';
import { ConnectionStore } from '../connections/store.js';
import { userDataDir } from '../connections/data-dir.js';
import { MemorySecretStore, type SecretStore } from '../connections/secret-store.js';
import { ActAsConfigStore } from '../act-as/config-store.js';
import { connectionModelCache } from '../catalog/connection-model.js';
import type { ModelCache } from '../catalog/model-cache.js';
import { ChangeSetStore } from '../changeset/pending-store.js';

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
  /**
   * The catalog model of each open connection, shared by catalog.read and act-as. Whoever changes a
   * database's schema (the change set's apply) calls `models.invalidate(connectionId)`.
   */
  readonly models: ModelCache<string>;
  /** The pending change set of each connection, shared by every panel. */
  readonly changeSets: ChangeSetStore;
  /**
   * Called after a change set (or part of one) was applied on a connection: whatever caches a model of that
   * database reloads it. The host wires it (the model cache); errors are ignored by the caller.
   */
  readonly onApplied: (connectionId: string) => void | Promise<void>;
}

export interface StudioContextOptions {
  readonly mode: StudioContext['mode'];
  readonly version: string;
  /** Defaults to the user's data dir (GATEHOUSE_DATA_DIR, XDG_DATA_HOME/gatehouse…). */
  readonly dataDir?: string;
  /** Electron injects its safeStorage store; browser mode and the CLI keep secrets in memory. */
  readonly secrets?: SecretStore;
  readonly manager?: ManagerOptions;
  /** See StudioContext.onApplied. */
  readonly onApplied?: (connectionId: string) => void | Promise<void>;
}

/** Builds the services a host owns; the host closes them with `context.connections.closeAll()`. */
export function createStudioContext(options: StudioContextOptions): StudioContext {
  const secrets = options.secrets ?? new MemorySecretStore();
  const connections = new ConnectionManager(options.manager);
  const models = connectionModelCache(connections);
  return {
    mode: options.mode,
    version: options.version,
    connections,
    models,
    savedConnections: new ConnectionStore(options.dataDir ?? userDataDir(), secrets),
    actAsConfigs: new ActAsConfigStore(secrets),
    changeSets: new ChangeSetStore(),
    // By default an applied change set drops the connection's model: the next read sees the new schema.
    onApplied: options.onApplied ?? ((connectionId) => models.invalidate(connectionId)),
  };
}
