import type { Catalog, DefaultPrivilegeObject, Principal, Privilege } from '../model/catalog.js';

export interface PreviewGrant {
  readonly grantee: Principal;
  readonly privilege: Privilege;
  readonly grantable: boolean;
  /** `builtin`: PostgreSQL's hard-wired default; `global`: ALTER DEFAULT PRIVILEGES without IN SCHEMA; `schema`. */
  readonly from: 'builtin' | 'global' | 'schema';
}

const OWNER_ALL: Record<DefaultPrivilegeObject, readonly Privilege[]> = {
  tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
  sequences: ['USAGE', 'SELECT', 'UPDATE'],
  functions: ['EXECUTE'],
  types: ['USAGE'],
  schemas: ['USAGE', 'CREATE'],
  large_objects: ['SELECT', 'UPDATE'],
};
const PUBLIC_BUILTIN: Partial<Record<DefaultPrivilegeObject, Privilege>> = {
  functions: 'EXECUTE',
  types: 'USAGE',
};

/**
 * What an object of `objectType` created now by `owner` in `schema` would be granted (acldefault + pg_default_acl,
 * as PostgreSQL's get_user_default_acl merges them): the global entry for the owner replaces the built-in default,
 * a per-schema entry adds to it.
 */
export function newObjectGrants(
  model: Catalog,
  owner: string,
  schema: string | null,
  objectType: DefaultPrivilegeObject,
): PreviewGrant[] {
  const ownerAll = [
    ...OWNER_ALL[objectType],
    ...(objectType === 'tables' && model.server.major >= 17 ? (['MAINTAIN'] as const) : []),
  ];
  const entries = model.defaultPrivileges.filter((d) => d.role === owner && d.objectType === objectType);
  const global = entries.find((d) => d.schema === null);
  const out: PreviewGrant[] = [];
  if (global !== undefined)
    for (const g of global.grants)
      out.push({ grantee: g.grantee, privilege: g.privilege, grantable: g.grantable, from: 'global' });
  else {
    for (const p of ownerAll)
      out.push({ grantee: { kind: 'role', name: owner }, privilege: p, grantable: true, from: 'builtin' });
    const pub = PUBLIC_BUILTIN[objectType];
    if (pub !== undefined)
      out.push({ grantee: { kind: 'public' }, privilege: pub, grantable: false, from: 'builtin' });
  }
  if (schema !== null && objectType !== 'schemas') {
    const local = entries.find((d) => d.schema === schema);
    for (const g of local?.grants ?? [])
      if (!out.some((o) => sameGrantee(o.grantee, g.grantee) && o.privilege === g.privilege))
        out.push({ grantee: g.grantee, privilege: g.privilege, grantable: g.grantable, from: 'schema' });
  }
  return out;
}

function sameGrantee(a: Principal, b: Principal): boolean {
  return a.kind === b.kind && (a.kind === 'public' || (b.kind === 'role' && a.name === b.name));
}
