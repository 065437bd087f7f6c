import type { Finding } from '../../shared/contract/advisor.js';
import type { ObjectRef } from '../../shared/model/catalog.js';
import {
  alterRole,
  grantMembership,
  reassignOwned,
  refs,
  revokeMembership,
  type Statement,
} from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { definitionOf, fingerprint, makeFinding } from './finding.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';
import { plural } from '../../shared/text/plural.js';

const roleLink = links.role;

/** The role's attributes and memberships: what role findings depend on. */
function roleFingerprint(ctx: AdvisorContext, name: string): string {
  const role = ctx.role(name);
  return fingerprint(
    role ? definitionOf(role) : null,
    ctx.catalog.memberships.filter((m) => m.member === name || m.role === name),
  );
}

/** Superuser / BYPASSRLS / INHERIT / ownership / LOGIN / not granted: the roles PostgREST runs requests as. */
export function roleFindings(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const auth = ctx.authenticator === null ? undefined : ctx.role(ctx.authenticator);
  const checked = [
    ...(auth ? [{ name: auth.name, what: 'the authenticator' }] : []),
    ...ctx.requestRoles
      .filter((r) => r.exists)
      .map((r) => ({ name: r.name, what: r.as === 'anon' ? 'the anonymous role' : 'a request role' })),
  ];
  for (const { name, what } of checked) {
    const role = ctx.role(name);
    if (!role) continue;
    if (role.superuser)
      out.push(
        makeFinding(FINDINGS.role_superuser, {
          object: `role ${name}`,
          objects: [refs.role(name)],
          message: `role ${name} (${what}) is a superuser`,
          fingerprint: () => roleFingerprint(ctx, name),
          fix: {
            summary: `Make ${name} an ordinary role`,
            statements: [alterRole(name, { superuser: false })],
          },
          link: roleLink(name),
        }),
      );
    if (role.bypassRls)
      out.push(
        makeFinding(FINDINGS.role_bypassrls, {
          object: `role ${name}`,
          objects: [refs.role(name)],
          message: `role ${name} (${what}) has BYPASSRLS: no policy applies to its requests`,
          fingerprint: () => roleFingerprint(ctx, name),
          fix: {
            summary: `Take BYPASSRLS from ${name}`,
            statements: [alterRole(name, { bypassRls: false })],
          },
          link: roleLink(name),
        }),
      );
    if (name !== auth?.name && role.canLogin)
      out.push(
        makeFinding(FINDINGS.request_role_login, {
          object: `role ${name}`,
          objects: [refs.role(name)],
          message: `role ${name} (${what}) can log in`,
          fingerprint: () => roleFingerprint(ctx, name),
          fix: { summary: `Make ${name} NOLOGIN`, statements: [alterRole(name, { canLogin: false })] },
          link: roleLink(name),
        }),
      );
  }

  if (auth) {
    out.push(...inheritFindings(ctx, auth.name), ...ownershipFindings(ctx, auth.name));
    const anon = ctx.requestRoles.find((r) => r.as === 'anon');
    if (anon && (!anon.exists || !ctx.access.canSetRole(auth.name, anon.name)))
      out.push(
        makeFinding(FINDINGS.role_not_granted, {
          object: `role ${anon.name}`,
          objects: [refs.role(anon.name), refs.role(auth.name)],
          message: anon.exists
            ? `db-anon-role ${anon.name} is not granted to the authenticator ${auth.name}: anonymous requests fail`
            : `db-anon-role ${anon.name} does not exist: anonymous requests fail`,
          fingerprint: () =>
            fingerprint(anon.name, roleFingerprint(ctx, anon.name), roleFingerprint(ctx, auth.name)),
          fix: anon.exists
            ? {
                summary: `Grant ${anon.name} to ${auth.name}`,
                statements: [
                  grantMembership({ role: anon.name, member: auth.name }, ctx.catalog.server.major),
                ],
              }
            : null,
          fixNote: anon.exists
            ? null
            : `Create the role (NOLOGIN) and grant it to ${auth.name}, or correct db-anon-role.`,
          link: roleLink(anon.exists ? anon.name : auth.name),
        }),
      );
    out.push(...ungrantedApiRoles(ctx, auth.name));
  }
  return out;
}

/** The authenticator holds the privileges of roles it is granted (INHERIT, or 16+ memberships WITH INHERIT). */
function inheritFindings(ctx: AdvisorContext, auth: string): Finding[] {
  const role = ctx.role(auth);
  if (!role) return [];
  const inherited = ctx.catalog.memberships.filter((m) => m.member === auth && m.inherit);
  if (inherited.length === 0) return [];
  const major = ctx.catalog.server.major;
  const statements: Statement[] = [];
  if (role.inherit) statements.push(alterRole(auth, { inherit: false }));
  // From 16 each membership carries its own INHERIT option; the role attribute only sets new grants' default.
  if (major >= 16)
    for (const m of inherited)
      statements.push(revokeMembership({ role: m.role, member: auth, option: 'inherit' }, major));
  return [
    makeFinding(FINDINGS.authenticator_inherit, {
      object: `role ${auth}`,
      objects: [refs.role(auth), ...inherited.map((m) => refs.role(m.role))],
      message: `the authenticator ${auth} inherits the privileges of ${[...new Set(inherited.map((m) => m.role))].join(', ')}`,
      fingerprint: () => roleFingerprint(ctx, auth),
      fix: { summary: `Make ${auth} NOINHERIT`, statements },
      link: roleLink(auth),
    }),
  ];
}

function ownershipFindings(ctx: AdvisorContext, auth: string): Finding[] {
  const c = ctx.catalog;
  const owned: ObjectRef[] = [
    ...c.schemas.filter((s) => s.owner === auth).map((s) => refs.schema(s.name)),
    ...c.relations.filter((r) => r.owner === auth).map((r) => refs.relation(r.schema, r.name)),
    ...c.sequences
      .filter((s) => s.owner === auth && s.ownedBy === null)
      .map((s) => refs.sequence(s.schema, s.name)),
    ...c.functions
      .filter((f) => f.owner === auth)
      .map((f) => refs.function(f.schema, f.name, f.identityArgs)),
    ...c.types.filter((t) => t.owner === auth).map((t) => refs.type(t.schema, t.name)),
  ];
  if (owned.length === 0) return [];
  const names = owned.map((o) => (o.schema === null ? o.name : `${o.schema}.${o.name}`));
  // The new owner: the database owner, unless that is the authenticator itself.
  const heir = c.database.owner !== auth ? c.database.owner : null;
  return [
    makeFinding(FINDINGS.authenticator_owns_objects, {
      object: `role ${auth}`,
      objects: [refs.role(auth), ...owned],
      message: `the authenticator ${auth} owns ${owned.length} ${plural(owned.length, 'object')}: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`,
      fingerprint: () => fingerprint(roleFingerprint(ctx, auth), names),
      fix:
        heir === null
          ? null
          : { summary: `Give what ${auth} owns to ${heir}`, statements: [reassignOwned(auth, heir)] },
      fixNote:
        heir === null
          ? `The database itself belongs to ${auth}: give it and these objects to a role nobody logs in as.`
          : `REASSIGN OWNED moves every object ${auth} owns in this database to ${heir} (the database owner).`,
      link: roleLink(auth),
    }),
  ];
}

/**
 * Roles the API was written for — they hold grants on exposed objects or are named by their policies — that
 * the authenticator cannot become: a JWT naming them is refused.
 */
function ungrantedApiRoles(ctx: AdvisorContext, auth: string): Finding[] {
  const requestNames = new Set(ctx.requestRoles.map((r) => r.name));
  const used = new Map<string, string>();
  for (const g of ctx.catalog.grants) {
    if (
      g.implicit ||
      g.grantee.kind !== 'role' ||
      g.object.schema === null ||
      !ctx.isExposed(g.object.schema)
    )
      continue;
    if (g.object.kind !== 'relation' && g.object.kind !== 'column' && g.object.kind !== 'function') continue;
    if (!used.has(g.grantee.name))
      used.set(g.grantee.name, `${g.privilege} on ${g.object.schema}.${g.object.name}`);
  }
  for (const p of ctx.catalog.policies) {
    if (!ctx.isExposed(p.schema)) continue;
    for (const r of p.roles)
      if (r.kind === 'role' && !used.has(r.name))
        used.set(r.name, `policy ${p.name} on ${p.schema}.${p.table}`);
  }
  const out: Finding[] = [];
  // Gathered once: looked up for each of up to hundreds of roles, over thousands of relations.
  const ownersOrGroups = new Set([
    ...ctx.catalog.relations.map((r) => r.owner),
    ...ctx.catalog.memberships.map((m) => m.role),
  ]);
  for (const [name, evidence] of used) {
    const role = ctx.role(name);
    if (!role || role.canLogin || role.superuser || role.isSystem || name === auth || requestNames.has(name))
      continue;
    // An owner's or a group's grants are not the sign of a request role: only roles nothing else can become.
    if (ownersOrGroups.has(name)) continue;
    out.push(
      makeFinding(FINDINGS.role_not_granted, {
        object: `role ${name}`,
        objects: [refs.role(name), refs.role(auth)],
        message: `role ${name} holds ${evidence} but is not granted to the authenticator ${auth}: a JWT with role ${name} is refused`,
        fingerprint: () => fingerprint(roleFingerprint(ctx, name), roleFingerprint(ctx, auth)),
        fix: {
          summary: `Grant ${name} to ${auth}`,
          statements: [grantMembership({ role: name, member: auth }, ctx.catalog.server.major)],
        },
        fixNote: `Grant it if tokens carry this role; if they never do, revoke its grants instead.`,
        link: roleLink(name),
      }),
    );
  }
  return out;
}
