import type { PostgrestRoleConfig } from '../model/postgrest-roles.js';

/** The user of a db-uri (`postgres://authenticator:…@host/db` or `user=authenticator …`), or null. */
export function uriUser(dbUri: string | null | undefined): string | null {
  if (typeof dbUri !== 'string' || dbUri === '') return null;
  try {
    const u = new URL(dbUri);
    return u.username ? decodeURIComponent(u.username) : null;
  } catch {
    const m = /(?:^|\s)user\s*=\s*'?([^'\s]+)/.exec(dbUri);
    return m?.[1] ?? null;
  }
}

/** The role facts of a PostgREST config: the authenticator from db-uri, db-anon-role and db-schemas. */
export function postgrestRoleConfig(config: {
  readonly dbUri?: string | null;
  readonly dbAnonRole?: string | null;
  readonly dbSchemas?: readonly string[];
}): PostgrestRoleConfig {
  return {
    authenticator: uriUser(config.dbUri),
    anonRole: config.dbAnonRole ?? null,
    schemas: config.dbSchemas ?? ['public'],
  };
}
