import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { MatrixPersona } from '../../shared/contract/rls.js';
import { evaluateJsPath, type PostgrestConfig } from '../act-as/config/index.js';
import type { Json } from '../act-as/errors/index.js';
import { preRequestStatement, settingsStatement, type SessionContext } from '../act-as/execute/session.js';
import { sqlFile } from '../db/sql-files.js';
import { configAuthenticator } from '../act-as/simulator.js';

export interface PersonaRole {
  readonly role: string;
  readonly superuser: boolean;
  readonly bypassrls: boolean;
}

/** The role PostgREST would take for these claims: the role claim (jwt-role-claim-key), else db-anon-role. */
export function personaRoleName(persona: MatrixPersona, config: PostgrestConfig): string {
  const claimed =
    persona.claims === null ? undefined : evaluateJsPath(persona.claims as Json, config.jwtRoleClaimKey);
  if (typeof claimed === 'string') return claimed;
  if (config.dbAnonRole === null)
    throw new GatehouseError(
      'GH801',
      `Persona "${persona.name}" has no role claim and there is no db-anon-role.`,
      {
        hint: 'Give the persona a "role" claim, or set db-anon-role in the PostgREST config.',
      },
    );
  return config.dbAnonRole;
}

/** Looks the persona's role up (as the developer): refused with the reason when it does not exist. */
export async function personaRole(
  client: pg.ClientBase,
  persona: MatrixPersona,
  config: PostgrestConfig,
): Promise<PersonaRole> {
  const role = personaRoleName(persona, config);
  const r = await client.query<{ superuser: boolean; bypassrls: boolean }>(sqlFile('rls/role.sql'), [role]);
  const row = r.rows[0];
  if (row === undefined)
    throw new GatehouseError('GH801', `Persona "${persona.name}": the role "${role}" does not exist.`, {
      hint: 'Create the role, or fix the persona\'s "role" claim.',
    });
  return { role, ...row };
}

/**
 * The persona's session exactly as the act-as simulator builds it (core/act-as/execute/session.ts): role, claims,
 * headers, cookies, search_path, the role's ALTER ROLE … SET values, app settings and db-pre-request.
 */
export async function personaSession(
  client: pg.ClientBase,
  persona: MatrixPersona,
  role: string,
  config: PostgrestConfig,
  request: { method: string; path: string } = { method: 'GET', path: '/' },
): Promise<SessionContext> {
  const version = Number(
    (await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]?.v ?? 0,
  );
  const file = version >= 150000 ? 'role-settings.sql' : 'role-settings-pg14.sql';
  // The persona session is a SET ROLE from the developer: settings are those of roles the authenticator of
  // db-uri is a direct member of, as for the simulator's developer login.
  const settings = await client.query<{ key: string; value: string }>(sqlFile(`act-as/execute/${file}`), [
    role,
    configAuthenticator(config),
  ]);
  const lower = (o: Record<string, string> | undefined) =>
    Object.entries(o ?? {}).map(([k, v]) => [k.toLowerCase(), v] as const);
  return {
    role,
    claims: (persona.claims ?? {}) as Record<string, Json>,
    method: request.method,
    path: request.path,
    headers: lower(persona.headers).filter(([k]) => k !== 'cookie'),
    cookies: Object.entries(persona.cookies ?? {}),
    searchPath: [config.dbSchemas[0] ?? 'public', ...config.dbExtraSearchPath],
    roleSettings: settings.rows
      .filter((s) => s.key !== 'default_transaction_isolation')
      .map((s) => [s.key, s.value] as const),
    appSettings: Object.entries(config.appSettings).map(([k, v]) => [`app.settings.${k}`, v] as const),
    functionSettings: [],
    timezone: null,
    preRequest: config.dbPreRequest,
    isolationLevel: 'read committed',
    readOnly: false,
  };
}

/** Switches the open transaction to the persona: the simulator's set_config round, then db-pre-request. */
export async function enterPersona(client: pg.ClientBase, session: SessionContext): Promise<void> {
  const s = settingsStatement(session);
  await client.query(s.sql, [...s.params]);
  const pre = preRequestStatement(session);
  if (pre !== null) await client.query(pre.sql, [...pre.params]);
}

/**
 * The role the persona's requests run as once db-pre-request has run: a cookie session's pre-request switches
 * from the anonymous role to the session's (the postgrest-sessions pattern), and grants and policies are those
 * of that role. Found in a savepoint that is rolled back; the persona's own role without a pre-request or when
 * it leaves the role alone. A pre-request that raises refuses the persona with its error, as PostgREST would.
 */
export async function roleAfterPreRequest(
  client: pg.ClientBase,
  session: SessionContext,
  role: PersonaRole,
): Promise<PersonaRole> {
  if (session.preRequest === null) return role;
  await client.query('savepoint gh_pre_request');
  let after: string;
  try {
    await enterPersona(client, session);
    after = (await client.query<{ r: string }>('select current_user as r')).rows[0]?.r ?? role.role;
  } finally {
    await client.query('rollback to savepoint gh_pre_request');
  }
  if (after === role.role) return role;
  const r = await client.query<{ superuser: boolean; bypassrls: boolean }>(sqlFile('rls/role.sql'), [after]);
  return { role: after, superuser: r.rows[0]?.superuser ?? false, bypassrls: r.rows[0]?.bypassrls ?? false };
}
