import type { RoleChangeInput } from '../contract/roles.js';

export interface PostgrestTemplateInput {
  /** The role PostgREST logs in as (db-uri's user). */
  readonly authenticator: string;
  /** db-anon-role. */
  readonly anon: string;
  /** The role a valid JWT's `role` claim names. */
  readonly authenticated: string;
  /** The API schema (db-schemas). */
  readonly schema: string;
  /** The role that will create the API's objects: the default privileges are for what it creates. */
  readonly owner: string;
  readonly major: number;
  /** A SCRAM verifier (shared/roles/scram.ts) for the authenticator; without it, set one before deploying. */
  readonly authenticatorPassword?: string;
}

const role = (name: string) => ({ kind: 'role' as const, name });

/**
 * "Set up PostgREST roles", after PostgREST's role system and production notes: an authenticator that can log in,
 * holds nothing itself (NOINHERIT, no CREATEDB/CREATEROLE/SUPERUSER) and may only SET ROLE to the request roles;
 * NOLOGIN anonymous and authenticated roles; USAGE on the API schema; and default privileges so that functions the
 * owner creates are not executable by PUBLIC (PostgreSQL's default), but by the request roles it names.
 */
export function postgrestTemplate(t: PostgrestTemplateInput): RoleChangeInput[] {
  const requestRoles = [t.anon, t.authenticated];
  // 16+: say what PostgREST needs of the memberships — SET, and no inheritance.
  const options = t.major >= 16 ? { inherit: false, set: true } : {};
  return [
    {
      type: 'create-role',
      name: t.authenticator,
      attributes: { canLogin: true, inherit: false, createDb: false, createRole: false, superuser: false },
      ...(t.authenticatorPassword !== undefined ? { password: t.authenticatorPassword } : {}),
      comment: 'PostgREST logs in as this role and switches to the request roles (SET ROLE).',
    },
    {
      type: 'create-role',
      name: t.anon,
      attributes: { canLogin: false },
      comment: 'PostgREST db-anon-role.',
    },
    {
      type: 'create-role',
      name: t.authenticated,
      attributes: { canLogin: false },
      comment: 'Requests with a valid JWT.',
    },
    ...requestRoles.map((r): RoleChangeInput => ({
      type: 'grant-membership',
      role: r,
      member: t.authenticator,
      ...options,
    })),
    ...requestRoles.map((r): RoleChangeInput => ({
      type: 'grant',
      object: { kind: 'schema', schema: null, name: t.schema },
      privileges: ['USAGE'],
      grantee: role(r),
    })),
    // The PUBLIC EXECUTE default is global: only a global default can take it away.
    {
      type: 'default-revoke',
      forRole: t.owner,
      inSchema: null,
      objectType: 'functions',
      privileges: ['EXECUTE'],
      grantee: { kind: 'public' },
    },
    ...requestRoles.map((r): RoleChangeInput => ({
      type: 'default-grant',
      forRole: t.owner,
      inSchema: t.schema,
      objectType: 'functions',
      privileges: ['EXECUTE'],
      grantee: role(r),
    })),
    {
      type: 'default-grant',
      forRole: t.owner,
      inSchema: t.schema,
      objectType: 'tables',
      privileges: ['SELECT'],
      grantee: role(t.authenticated),
    },
    {
      type: 'default-grant',
      forRole: t.owner,
      inSchema: t.schema,
      objectType: 'sequences',
      privileges: ['USAGE', 'SELECT'],
      grantee: role(t.authenticated),
    },
  ];
}
