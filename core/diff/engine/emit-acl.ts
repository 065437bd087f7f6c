import {
  refKey,
  type DefaultPrivilege,
  type DefaultPrivilegeObject,
  type Grant,
  type ObjectRef,
  type Principal,
  type Privilege,
} from '../../../shared/model/catalog.js';
import { asGrantor } from '../../ddl/acl.js';
import { grantDefaultPrivileges, revokeDefaultPrivileges } from '../../ddl/default-privileges.js';
import { grantPrivileges, revokePrivileges } from '../../ddl/grants.js';
import { privilegesOf } from '../../../shared/model/privilege-kinds.js';
import type { Diff } from './context.js';
import { regeneratedByDropAdd } from './classify.js';
import { relKey, strip, type Side } from './side.js';

const who = (p: Principal) => (p.kind === 'public' ? '\0PUBLIC' : p.name);

/** The owner of a grantable object on one side (grants follow ALTER … OWNER TO: PostgreSQL rewrites the ACL). */
export function ownerOf(side: Side, ref: ObjectRef): string | undefined {
  const m = side.model;
  switch (ref.kind) {
    case 'schema':
      return m.schemas.find((s) => s.name === ref.name)?.owner;
    case 'relation':
    case 'column':
      return side.relations.get(`${ref.schema ?? ''}\0${ref.name}`)?.owner;
    case 'sequence':
      return side.sequences.get(`${ref.schema ?? ''}\0${ref.name}`)?.owner;
    case 'type':
      return side.types.get(`${ref.schema ?? ''}\0${ref.name}`)?.owner;
    case 'function':
      return side.functions.get(`${ref.schema ?? ''}\0${ref.name}\0${ref.args ?? ''}`)?.owner;
    case 'database':
      return m.database.owner;
    case 'language':
      return m.languages?.find((l) => l.name === ref.name)?.owner;
    default:
      return undefined;
  }
}

/**
 * Whether the object's privileges come whole with its creation (added or recreated) or go with its drop. A
 * language one side lacks comes and goes with its extension, and one a model read before languages were lacks
 * is not compared.
 */
function wholeAcl(d: Diff, ref: ObjectRef): boolean {
  const top = strip(ref);
  if (top.kind === 'database') return true;
  if (d.isDropped(top) || d.rebuilt.has(refKey(top)) || d.typeRebuilt.has(refKey(top))) return true;
  if (top.kind === 'sequence' && d.freshIdentities.has(refKey(top))) return true;
  return ownerOf(d.from, top) === undefined || ownerOf(d.to, top) === undefined;
}

/** A column privilege of a column that is dropped (or dropped and added again) goes with it: no REVOKE. */
function columnGoes(d: Diff, o: ObjectRef): boolean {
  if (o.kind !== 'column' || o.member === undefined) return false;
  const from = d.from.relations.get(relKey(o.schema ?? '', o.name));
  const to = d.to.relations.get(relKey(o.schema ?? '', o.name));
  if (from === undefined || to === undefined) return false;
  return !to.columns.some((c) => c.name === o.member) || regeneratedByDropAdd(d, from, o.member);
}

/** Whether any grantable object both sides have changes its owner (most migrations change none). */
function ownersChange(d: Diff): boolean {
  if (d.from.model.database.owner !== d.to.model.database.owner) return true;
  const differ = <T extends { owner: string }>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>) => {
    for (const [k, x] of a) {
      const y = b.get(k);
      if (y !== undefined && y.owner !== x.owner) return true;
    }
    return false;
  };
  const schemas = (s: Side) => new Map(s.model.schemas.map((x) => [x.name, x]));
  const languages = (s: Side) => new Map((s.model.languages ?? []).map((x) => [x.name, x]));
  return (
    differ(languages(d.from), languages(d.to)) ||
    differ(d.from.relations, d.to.relations) ||
    differ(d.from.sequences, d.to.sequences) ||
    differ(d.from.types, d.to.types) ||
    differ(d.from.functions, d.to.functions) ||
    differ(schemas(d.from), schemas(d.to))
  );
}

/** Same grants in the same order (the model sorts them): the common case, no delta needed. */
function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Grant;
    const y = b[i] as Grant;
    if (
      x.privilege !== y.privilege ||
      x.grantor !== y.grantor ||
      x.grantable !== y.grantable ||
      x.implicit !== y.implicit ||
      x.grantee.kind !== y.grantee.kind ||
      (x.grantee.kind === 'role' && y.grantee.kind === 'role' && x.grantee.name !== y.grantee.name) ||
      x.object.member !== y.object.member
    )
      return false;
  }
  return true;
}

const grantKey = (g: Grant, owner: (r: string) => string) =>
  [
    refKey(g.object),
    who(g.grantee.kind === 'role' ? { kind: 'role', name: owner(g.grantee.name) } : g.grantee),
    g.privilege,
    owner(g.grantor),
  ].join('\u0001');

/**
 * GRANT / REVOKE deltas on every object both sides have (not recreated): what TO has and FROM lacks is granted,
 * what FROM has and TO lacks revoked, grant options added or taken away; never a revoke-all. FROM's grants are
 * read with its owner replaced by TO's when the owner changes, as ALTER … OWNER TO does to the ACL.
 */
export function emitGrants(d: Diff): void {
  if (!d.wants('grant')) return;
  const fromGroups = d.from.lookup.grantGroups;
  const toGroups = d.to.lookup.grantGroups;
  const fromCols = d.from.lookup.columnGrantGroups;
  const toCols = d.to.lookup.columnGrantGroups;
  const differing: { from: readonly Grant[]; to: readonly Grant[] }[] = [];
  const none: readonly Grant[] = [];
  // forEach, not for…of: tens of thousands of groups, and no entry pair allocated for each.
  const compare = (a: ReadonlyMap<string, readonly Grant[]>, b: ReadonlyMap<string, readonly Grant[]>) => {
    a.forEach((list, k) => {
      const other = b.get(k) ?? none;
      if (!sameGrants(list, other)) differing.push({ from: list, to: other });
    });
    b.forEach((list, k) => {
      if (!a.has(k)) differing.push({ from: none, to: list });
    });
  };
  compare(fromGroups, toGroups);
  compare(fromCols, toCols);
  // Owners that change rewrite the ACL of objects whose grants otherwise look alike: look at those too.
  if (ownersChange(d))
    for (const [k, list] of fromGroups) {
      const g = list[0];
      if (g === undefined) continue;
      const top = strip(g.object);
      const a = ownerOf(d.from, top);
      const b = ownerOf(d.to, top);
      if (a !== undefined && b !== undefined && a !== b && sameGrants(list, toGroups.get(k) ?? none))
        differing.push({ from: list, to: toGroups.get(k) ?? none });
    }
  const fromG = new Map<string, Grant>();
  const toG = new Map<string, Grant>();
  for (const pair of differing) {
    for (const g of pair.from) {
      if (g.object.kind === 'database' || wholeAcl(d, g.object) || columnGoes(d, g.object)) continue;
      const a = ownerOf(d.from, strip(g.object));
      const b = ownerOf(d.to, strip(g.object));
      const map = (r: string) => (r === a && b !== undefined ? b : r);
      // As ALTER … OWNER TO leaves it: the old owner's own items are the new owner's.
      const grantee =
        g.grantee.kind === 'role' ? { kind: 'role' as const, name: map(g.grantee.name) } : g.grantee;
      fromG.set(grantKey(g, map), { ...g, grantee });
    }
    for (const g of pair.to) {
      if (g.object.kind === 'database' || wholeAcl(d, g.object)) continue;
      toG.set(
        grantKey(g, (r) => r),
        g,
      );
    }
  }
  // Group per object, grantee, grantor and option so each statement names one of each.
  const groups = new Map<
    string,
    {
      object: ObjectRef;
      grantee: Principal;
      grantor: string;
      privileges: Privilege[];
      revoke: boolean;
      option: boolean;
      columns: string[];
    }
  >();
  const put = (g: Grant, revoke: boolean, option: boolean, grantor: string) => {
    const object =
      g.object.kind === 'column'
        ? { kind: 'relation' as const, schema: g.object.schema, name: g.object.name }
        : g.object;
    const key = [
      refKey(object),
      who(g.grantee),
      grantor,
      revoke,
      option,
      g.object.kind === 'column' ? `${g.privilege}` : '',
    ].join('\u0001');
    let e = groups.get(key);
    if (e === undefined) {
      e = { object, grantee: g.grantee, grantor, privileges: [], revoke, option, columns: [] };
      groups.set(key, e);
    }
    if (g.object.kind === 'column') {
      if (e.privileges.length === 0) e.privileges.push(g.privilege);
      if (g.object.member !== undefined && !e.columns.includes(g.object.member))
        e.columns.push(g.object.member);
    } else if (!e.privileges.includes(g.privilege)) e.privileges.push(g.privilege);
  };
  for (const [k, g] of fromG) {
    const next = toG.get(k);
    const owner = ownerOf(d.to, strip(g.object)) ?? g.grantor;
    const grantor = g.grantor === ownerOf(d.from, strip(g.object)) ? owner : g.grantor;
    if (next === undefined) put(g, true, false, grantor);
    else if (g.grantable && !next.grantable) put(g, true, true, grantor);
  }
  for (const [k, g] of toG) {
    const before = fromG.get(k);
    if (before === undefined) put(g, false, g.grantable, g.grantor);
    else if (!before.grantable && g.grantable) put(g, false, true, g.grantor);
  }
  const changes = new Map<string, string>();
  for (const e of grantOrder(d, [...groups.values()])) {
    const top = strip(e.object);
    const k = refKey(top);
    let id = changes.get(k);
    if (id === undefined) {
      id = d.plan.change({
        action: 'alter',
        kind: 'grant',
        object: top,
        summary: `privileges on ${top.kind === 'language' ? 'language ' : ''}${top.schema === null ? '' : `${top.schema}.`}${top.name}`,
      });
      changes.set(k, id);
    }
    const columns = e.columns.length > 0 ? { columns: e.columns } : {};
    const s = e.revoke
      ? revokePrivileges({
          object: e.object,
          privileges: e.privileges,
          ...columns,
          grantees: [e.grantee],
          ...(e.option ? { grantOptionFor: true } : {}),
        })
      : grantPrivileges({
          object: e.object,
          privileges: e.privileges,
          ...columns,
          grantees: [e.grantee],
          withGrantOption: e.option,
        });
    d.plan.add('acl', asGrantor(e.grantor, ownerOf(d.to, top) ?? e.grantor, e.object, [s]), id);
  }
}

/**
 * Revokes first (as grouped), then grants so that each grantor holds its grant option before it grants: the
 * owner's grants, then those of roles the grants before gave the option to on that object, and so on; any left
 * (a grantor no grant here gives the option to) last.
 */
function grantOrder<
  T extends { object: ObjectRef; grantee: Principal; grantor: string; revoke: boolean; option: boolean },
>(d: Diff, entries: T[]): T[] {
  // Revokes made as another role first: revoking the grant option it holds would refuse (2BP01).
  const objectOwner = (e: T) => ownerOf(d.to, strip(e.object)) ?? e.grantor;
  const out = [
    ...entries.filter((e) => e.revoke && e.grantor !== objectOwner(e)),
    ...entries.filter((e) => e.revoke && e.grantor === objectOwner(e)),
  ];
  let waiting = entries.filter((e) => !e.revoke);
  const holds = new Set<string>();
  const key = (e: T, role: string) => `${refKey(strip(e.object))}\0${role}`;
  for (let grew = true; grew && waiting.length > 0;) {
    grew = false;
    const still: T[] = [];
    for (const e of waiting) {
      if (e.grantor === objectOwner(e) || holds.has(key(e, e.grantor))) {
        out.push(e);
        if (e.option && e.grantee.kind === 'role') holds.add(key(e, e.grantee.name));
        grew = true;
      } else still.push(e);
    }
    waiting = still;
  }
  return [...out, ...waiting];
}

/**
 * Built-in default privileges of a role's new objects while it has no global pg_default_acl entry (acldefault):
 * on tables every table privilege of the server's major, MAINTAIN included from 17.
 */
function builtIn(role: string, type: DefaultPrivilegeObject, major: number): DefaultPrivilege['grants'] {
  const all: Record<DefaultPrivilegeObject, readonly Privilege[]> = {
    tables: privilegesOf('table', major),
    sequences: ['USAGE', 'SELECT', 'UPDATE'],
    functions: ['EXECUTE'],
    types: ['USAGE'],
    schemas: ['USAGE', 'CREATE'],
    large_objects: ['SELECT', 'UPDATE'],
  };
  const own = all[type].map((privilege) => ({
    grantee: { kind: 'role' as const, name: role },
    privilege,
    grantor: role,
    grantable: false,
  }));
  const pub = type === 'functions' ? ['EXECUTE'] : type === 'types' ? ['USAGE'] : [];
  return [
    ...own,
    ...pub.map((privilege) => ({
      grantee: { kind: 'public' as const },
      privilege: privilege as Privilege,
      grantor: role,
      grantable: false,
    })),
  ];
}

/** ALTER DEFAULT PRIVILEGES deltas per (role, schema, object type); an absent global entry is the built-in default. */
export function emitDefaultPrivileges(d: Diff): void {
  if (!d.wants('default_privilege')) return;
  const key = (x: { role: string; schema: string | null; objectType: string }) =>
    `${x.role}\0${x.schema ?? ''}\0${x.objectType}`;
  const fromD = new Map(d.from.model.defaultPrivileges.map((x) => [key(x), x]));
  const toD = new Map(d.to.model.defaultPrivileges.map((x) => [key(x), x]));
  for (const k of [...new Set([...fromD.keys(), ...toD.keys()])].sort()) {
    const a = fromD.get(k);
    const b = toD.get(k);
    const base = (a ?? b) as DefaultPrivilege;
    const grants = (x: DefaultPrivilege | undefined) =>
      x?.grants ?? (base.schema === null ? builtIn(base.role, base.objectType, d.major) : []);
    const gk = (g: DefaultPrivilege['grants'][number]) => `${who(g.grantee)}\0${g.privilege}`;
    const ga = new Map(grants(a).map((g) => [gk(g), g]));
    const gb = new Map(grants(b).map((g) => [gk(g), g]));
    // Those of a schema that is dropped go with it (its DROP takes its pg_default_acl entries).
    const schemaGoes =
      base.schema !== null && d.wants('schema') && !d.to.model.schemas.some((x) => x.name === base.schema);
    const revoke = [...ga]
      .filter(([x, g]) => !schemaGoes && (!gb.has(x) || (g.grantable && gb.get(x)?.grantable === false)))
      .map(([, g]) => ({ ...g, option: gb.has(gk(g)) }));
    const grant = [...gb]
      .filter(([x, g]) => !ga.has(x) || (g.grantable && ga.get(x)?.grantable === false))
      .map(([, g]) => g);
    if (revoke.length === 0 && grant.length === 0) continue;
    const object: ObjectRef =
      base.schema !== null
        ? { kind: 'schema', schema: null, name: base.schema }
        : { kind: 'role', schema: null, name: base.role };
    const id = d.plan.change({
      action: 'alter',
      kind: 'default_privilege',
      object,
      summary: `default privileges of ${base.role}${base.schema !== null ? ` in ${base.schema}` : ''} on ${base.objectType}`,
    });
    const head = { forRole: base.role, inSchema: base.schema, objectType: base.objectType } as const;
    for (const g of revoke)
      d.plan.add(
        'defaults',
        revokeDefaultPrivileges({
          ...head,
          privileges: [g.privilege],
          grantees: [g.grantee],
          ...(g.option ? { grantOption: true } : {}),
        }),
        id,
      );
    for (const g of grant)
      d.plan.add(
        'defaults',
        grantDefaultPrivileges({
          ...head,
          privileges: [g.privilege],
          grantees: [g.grantee],
          grantOption: g.grantable,
        }),
        id,
      );
  }
}
