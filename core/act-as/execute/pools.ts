import pg from 'pg';
import type { Catalog } from '../../../shared/model/catalog.js';
import { canSetRole } from '../../../shared/model/postgrest-roles.js';
import { sqlFile } from '../../db/sql-files.js';

/** What an act-as pool knows about its login, read once. */
export interface PoolInfo {
  readonly login: string;
  readonly versionNum: number;
}

const ROLE_SETTINGS_TTL_MS = 2_000;

/**
 * One pool per (connection string, login role). Statement timeouts are left to the server and the role
 * settings, as PostgREST does: `rpc/whoami`-style functions report them.
 */
export class ActAsPool {
  readonly pool: pg.Pool;
  private infoPromise: Promise<PoolInfo> | null = null;
  private readonly settings = new Map<string, { at: number; value: Promise<RoleSettings> }>();
  private readonly assumable = new Map<string, Promise<boolean>>();
  private readonly functions = new Map<string, { at: number; value: Promise<RoleSettings> }>();

  /** `key` names the login (e.g. its connection string); `config` says how to connect. */
  constructor(
    readonly key: string,
    config: pg.ClientConfig,
    max = 8,
  ) {
    this.pool = new pg.Pool({
      ...config,
      max,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      application_name: 'gatehouse-act-as',
      // Queries issued together on one client go out together (execute.ts sends BEGIN with the set_config
      // round); queries awaited one by one behave exactly as without it.
      pipeline: true,
    });
    // An idle client dying (server restart, DROP DATABASE … FORCE) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  info(): Promise<PoolInfo> {
    this.infoPromise ??= this.pool
      .query<{ login: string; version_num: number }>(sqlFile('act-as/execute/server-info.sql'))
      .then((r) => ({ login: r.rows[0]?.login ?? '', versionNum: Number(r.rows[0]?.version_num ?? 0) }))
      .catch((e: unknown) => {
        this.infoPromise = null;
        throw e;
      });
    return this.infoPromise;
  }

  /** The role's ALTER ROLE … SET values and isolation level, cached briefly (PostgREST reads them at config load). */
  roleSettings(role: string): Promise<RoleSettings> {
    const hit = this.settings.get(role);
    if (hit && Date.now() - hit.at < ROLE_SETTINGS_TTL_MS) return hit.value;
    const value = this.info().then(async (info) => {
      const file = info.versionNum >= 150000 ? 'role-settings.sql' : 'role-settings-pg14.sql';
      const r = await this.pool.query<{ key: string; value: string }>(sqlFile(`act-as/execute/${file}`), [
        role,
      ]);
      let isolation: string | null = null;
      const settings: [string, string][] = [];
      for (const row of r.rows) {
        if (row.key === 'default_transaction_isolation') isolation = row.value;
        else settings.push([row.key, row.value]);
      }
      return { settings, isolation };
    });
    value.catch(() => this.settings.delete(role));
    this.settings.set(role, { at: Date.now(), value });
    return value;
  }

  /**
   * A called function's isolation level and hoisted settings (PostgREST reads them into its schema cache).
   * Overloads with the same argument count are ambiguous here: then nothing is applied.
   */
  functionSettings(
    schema: string,
    name: string,
    argCount: number,
    hoisted: readonly string[],
  ): Promise<RoleSettings> {
    const key = `${schema}\u0000${name}\u0000${argCount}\u0000${hoisted.join(',')}`;
    const hit = this.functions.get(key);
    if (hit && Date.now() - hit.at < ROLE_SETTINGS_TTL_MS) return hit.value;
    const value = this.pool
      .query<{ isolation: string | null; keys: string[]; vals: string[] }>(
        sqlFile('act-as/execute/function-settings.sql'),
        [schema, name, argCount, [...hoisted]],
      )
      .then((r) => {
        const row = r.rows.length === 1 ? r.rows[0] : undefined;
        if (!row) return { settings: [], isolation: null };
        return {
          settings: row.keys.map((k, i) => [k, row.vals[i] ?? ''] as const),
          isolation: row.isolation,
        };
      });
    value.catch(() => this.functions.delete(key));
    this.functions.set(key, { at: Date.now(), value });
    return value;
  }

  /**
   * Whether the login may SET ROLE to `role` (true when it does not exist: PostgreSQL reports that itself). With a
   * catalog model of this database the model answers (shared/model/postgrest-roles.ts); otherwise the server.
   */
  canAssume(role: string, model?: Catalog | null): Promise<boolean> {
    if (model) {
      return this.info().then((info) =>
        model.roles.some((r) => r.name === info.login)
          ? !model.roles.some((r) => r.name === role) || canSetRole(model, info.login, role)
          : this.canAssume(role),
      );
    }
    let p = this.assumable.get(role);
    if (!p) {
      p = this.pool
        .query<{ ok: boolean }>(sqlFile('act-as/execute/can-assume.sql'), [role])
        .then((r) => r.rows[0]?.ok === true);
      p.catch(() => this.assumable.delete(role));
      this.assumable.set(role, p);
    }
    return p;
  }

  /** Forget cached role settings and memberships (after ALTER ROLE / GRANT). */
  reload(): void {
    this.settings.clear();
    this.assumable.clear();
    this.functions.clear();
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

export interface RoleSettings {
  readonly settings: readonly (readonly [string, string])[];
  /** default_transaction_isolation of the role, when set. */
  readonly isolation: string | null;
}

/** Pools by connection string (which names the login role), created on first use. */
export class PoolRegistry {
  private readonly pools = new Map<string, ActAsPool>();

  /** The pool for `key`; `config` (default: `key` as a connection string) is used when it is created. */
  get(key: string, config: pg.ClientConfig = { connectionString: key }): ActAsPool {
    let p = this.pools.get(key);
    if (!p) {
      p = new ActAsPool(key, config);
      this.pools.set(key, p);
    }
    return p;
  }

  all(): ActAsPool[] {
    return [...this.pools.values()];
  }

  async close(connectionString: string): Promise<void> {
    const p = this.pools.get(connectionString);
    this.pools.delete(connectionString);
    await p?.end().catch(() => undefined);
  }

  /** Ends every pool whose key matches (e.g. all logins made for one studio connection). */
  async closeWhere(matches: (key: string) => boolean): Promise<void> {
    const keys = [...this.pools.keys()].filter(matches);
    await Promise.all(keys.map((k) => this.close(k)));
  }

  async closeAll(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.end().catch(() => undefined)));
  }
}
