import type pg from 'pg';
import type { Whoami } from '../../shared/model/connection.js';
import { sqlFile } from '../db/sql-files.js';
import { MIN_SERVER_MAJOR, MIN_SERVER_VERSION_NUM } from '../db/server-versions.js';

interface WhoamiRow {
  current_user: string;
  session_user: string;
  superuser: boolean;
  bypass_rls: boolean;
  create_role: boolean;
  member_of: string[];
  owned_schemas: number;
  owned_relations: number;
  database: string;
  server_version: string;
  server_version_num: number;
}

export async function readWhoami(
  client: pg.ClientBase,
  where: { host: string; port: number; ssl: boolean },
): Promise<Whoami> {
  const { rows } = await client.query<WhoamiRow>(sqlFile('connections/whoami.sql'));
  const row = rows[0];
  if (!row) throw new Error('the current role is not visible in pg_roles');
  return {
    currentUser: row.current_user,
    sessionUser: row.session_user,
    superuser: row.superuser,
    bypassRls: row.bypass_rls,
    createRole: row.create_role,
    memberOf: row.member_of,
    ownedSchemas: row.owned_schemas,
    ownedRelations: row.owned_relations,
    database: row.database,
    serverVersion: row.server_version,
    serverVersionNum: row.server_version_num,
    host: where.host,
    port: where.port,
    ssl: where.ssl,
  };
}

/** Plain-language warnings about connecting as a role that would make the studio's picture false. */
export function whoamiWarnings(who: Whoami): string[] {
  const warnings: string[] = [];
  if (who.superuser) {
    warnings.push(
      `You are connected as "${who.currentUser}", a superuser. RLS does not apply to this role, so what the studio shows would be false — connect as the owner role, e.g. developer.`,
    );
  } else if (who.bypassRls) {
    warnings.push(
      `"${who.currentUser}" has BYPASSRLS. RLS does not apply to this role, so what the studio shows would be false — connect as the owner role, e.g. developer.`,
    );
  }
  if (who.serverVersionNum < MIN_SERVER_VERSION_NUM) {
    warnings.push(
      `This server runs PostgreSQL ${who.serverVersion}; Gatehouse supports ${MIN_SERVER_MAJOR} and later, so some views may be incomplete.`,
    );
  }
  return warnings;
}
