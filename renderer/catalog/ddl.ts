import {
  principalLabel,
  type Catalog,
  type FunctionInfo,
  type Grant,
  type Principal,
  type Relation,
  type SchemaInfo,
  type Sequence,
  type UserType,
} from '../../shared/model/catalog.js';
import { grantsFor, policiesFor } from './lookup.js';

// Reserved words that must be quoted as identifiers (the ones likely in a schema; the rest are rare as names).
const reserved = new Set(
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric system_user table then to trailing true union unique user using variadic when where window with'.split(
    ' ',
  ),
);

/** An identifier as PostgreSQL would print it: bare when it is lower-case and not reserved, else quoted. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !reserved.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedIdent(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function principal(p: Principal): string {
  return p.kind === 'public' ? 'PUBLIC' : quoteIdent(p.name);
}

/** GRANT statements for explicit grants (implicit owner defaults are what CREATE already gives). */
function grantStatements(
  grants: readonly Grant[],
  target: string,
  owner: string,
  columnGrants: readonly Grant[] = [],
): string[] {
  const out: string[] = [];
  // The owner holds every privilege by owning the object; like pg_dump, only grants to others are shown.
  const isOwner = (g: Grant) => g.grantee.kind === 'role' && g.grantee.name === owner;
  grants = grants.filter((g) => !isOwner(g));
  columnGrants = columnGrants.filter((g) => !isOwner(g));
  const byGrantee = new Map<string, { privs: string[]; grantable: boolean; principal: Principal }>();
  for (const g of grants) {
    if (g.implicit) continue;
    const key = `${principalLabel(g.grantee)}\0${g.grantable}`;
    const e = byGrantee.get(key) ?? { privs: [], grantable: g.grantable, principal: g.grantee };
    e.privs.push(g.privilege);
    byGrantee.set(key, e);
  }
  for (const e of byGrantee.values()) {
    out.push(
      `GRANT ${e.privs.join(', ')} ON ${target} TO ${principal(e.principal)}${e.grantable ? ' WITH GRANT OPTION' : ''};`,
    );
  }
  const byColumns = new Map<
    string,
    { cols: string[]; privilege: string; principal: Principal; grantable: boolean }
  >();
  for (const g of columnGrants) {
    if (g.object.member === undefined) continue;
    const key = `${principalLabel(g.grantee)}\0${g.privilege}\0${g.grantable}`;
    const e = byColumns.get(key) ?? {
      cols: [],
      privilege: g.privilege,
      principal: g.grantee,
      grantable: g.grantable,
    };
    e.cols.push(quoteIdent(g.object.member));
    byColumns.set(key, e);
  }
  for (const e of byColumns.values()) {
    out.push(
      `GRANT ${e.privilege} (${e.cols.join(', ')}) ON ${target} TO ${principal(e.principal)}${e.grantable ? ' WITH GRANT OPTION' : ''};`,
    );
  }
  return out;
}

function commentOn(what: string, comment: string | null): string[] {
  return comment === null ? [] : [`COMMENT ON ${what} IS ${literal(comment)};`];
}

export function relationDdl(catalog: Catalog, r: Relation): string {
  const name = qualifiedIdent(r.schema, r.name);
  const parts: string[] = [];
  if (r.kind === 'view' || r.kind === 'materialized_view') {
    const opts = [
      ...(r.securityInvoker ? ['security_invoker = true'] : []),
      ...(r.securityBarrier ? ['security_barrier = true'] : []),
    ];
    const kw = r.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW';
    parts.push(
      `CREATE ${kw} ${name}${opts.length ? ` WITH (${opts.join(', ')})` : ''} AS\n${(r.viewDefinition ?? '  -- definition not readable').replace(/;\s*$/, '')}${r.checkOption ? `\n  WITH ${r.checkOption.toUpperCase()} CHECK OPTION` : ''};`,
    );
  } else {
    const lines = r.columns.map((c) => {
      let line = `    ${quoteIdent(c.name)} ${c.type.formatted}`;
      if (c.collation && c.collation !== 'default' && c.collation !== '"default"')
        line += ` COLLATE ${c.collation}`;
      if (c.identity) line += ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
      if (c.generated && c.generation)
        line += ` GENERATED ALWAYS AS (${c.generation}) ${c.generated.toUpperCase()}`;
      if (c.default !== null && !c.identity) line += ` DEFAULT ${c.default}`;
      if (c.notNull) line += ' NOT NULL';
      return line;
    });
    for (const k of r.constraints) lines.push(`    CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`);
    const kw = r.kind === 'foreign_table' ? 'FOREIGN TABLE' : 'TABLE';
    let create = `CREATE ${kw} ${name} (\n${lines.join(',\n')}\n)`;
    if (r.partitionKey) create += ` PARTITION BY ${r.partitionKey}`;
    if (r.options.length) create += ` WITH (${r.options.join(', ')})`;
    parts.push(create + ';');
    if (r.partitionOf && r.partitionBound) {
      parts.push(
        `ALTER TABLE ${qualifiedIdent(r.partitionOf.schema, r.partitionOf.name)} ATTACH PARTITION ${name} ${r.partitionBound};`,
      );
    }
  }
  parts.push(
    `ALTER ${r.kind === 'view' ? 'VIEW' : r.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'TABLE'} ${name} OWNER TO ${quoteIdent(r.owner)};`,
  );
  const rls: string[] = [];
  if (r.rlsEnabled) rls.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (r.rlsForced) rls.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  if (rls.length) parts.push(rls.join('\n'));
  const constraintIndexes = new Set(r.constraints.map((k) => k.index).filter((i): i is string => i !== null));
  const indexes = r.indexes.filter((i) => !constraintIndexes.has(i.name)).map((i) => `${i.definition};`);
  if (indexes.length) parts.push(indexes.join('\n'));
  const triggers = r.triggers.map((t) => `${t.definition};`);
  if (triggers.length) parts.push(triggers.join('\n'));
  const policies = policiesFor(catalog, r).map((p) => {
    let s = `CREATE POLICY ${quoteIdent(p.name)} ON ${name}`;
    if (!p.permissive) s += '\n    AS RESTRICTIVE';
    s += `\n    FOR ${p.command}`;
    s += `\n    TO ${p.roles.map(principal).join(', ')}`;
    if (p.using !== null) s += `\n    USING (${p.using})`;
    if (p.withCheck !== null) s += `\n    WITH CHECK (${p.withCheck})`;
    return s + ';';
  });
  if (policies.length) parts.push(policies.join('\n\n'));
  const { object, columns } = grantsFor(catalog, { kind: 'relation', schema: r.schema, name: r.name });
  const grants = grantStatements(object, name, r.owner, columns);
  if (grants.length) parts.push(grants.join('\n'));
  const comments = [
    ...commentOn(`${r.kind === 'view' ? 'VIEW' : 'TABLE'} ${name}`, r.comment),
    ...r.columns.flatMap((c) => commentOn(`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment)),
  ];
  if (comments.length) parts.push(comments.join('\n'));
  return parts.join('\n\n') + '\n';
}

export function functionDdl(catalog: Catalog, f: FunctionInfo): string {
  const name = qualifiedIdent(f.schema, f.name);
  const isProc = f.kind === 'procedure';
  const lines = [`CREATE OR REPLACE ${isProc ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.argumentsText})`];
  if (!isProc) lines.push(`    RETURNS ${f.returns.text ?? f.returns.type.formatted}`);
  lines.push(`    LANGUAGE ${f.language}`);
  if (!isProc) {
    lines.push(`    ${f.volatility.toUpperCase()}`);
    if (f.strict) lines.push('    STRICT');
    if (f.leakproof) lines.push('    LEAKPROOF');
    if (f.parallel !== 'unsafe') lines.push(`    PARALLEL ${f.parallel.toUpperCase()}`);
  }
  if (f.securityDefiner) lines.push('    SECURITY DEFINER');
  for (const s of f.config) lines.push(`    SET ${s.name} TO ${literal(s.value)}`);
  lines.push(`AS $function$${f.source ?? ''}$function$;`);
  const target = `${isProc ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.identityArgs})`;
  const parts = [lines.join('\n'), `ALTER ${target} OWNER TO ${quoteIdent(f.owner)};`];
  const grants = grantStatements(
    grantsFor(catalog, { kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs }).object,
    target,
    f.owner,
  );
  if (grants.length) parts.push(grants.join('\n'));
  parts.push(...commentOn(target, f.comment));
  return parts.join('\n\n') + '\n';
}

export function sequenceDdl(catalog: Catalog, s: Sequence): string {
  const name = qualifiedIdent(s.schema, s.name);
  const parts = [
    [
      `CREATE SEQUENCE ${name}`,
      `    AS ${s.dataType}`,
      `    START WITH ${s.start}`,
      `    INCREMENT BY ${s.increment}`,
      `    MINVALUE ${s.min}`,
      `    MAXVALUE ${s.max}`,
      `    CACHE ${s.cache}${s.cycle ? '\n    CYCLE' : ''};`,
    ].join('\n'),
  ];
  if (s.ownedBy)
    parts.push(
      `ALTER SEQUENCE ${name} OWNED BY ${qualifiedIdent(s.ownedBy.schema, s.ownedBy.table)}.${quoteIdent(s.ownedBy.column)};`,
    );
  parts.push(`ALTER SEQUENCE ${name} OWNER TO ${quoteIdent(s.owner)};`);
  const grants = grantStatements(
    grantsFor(catalog, { kind: 'sequence', schema: s.schema, name: s.name }).object,
    `SEQUENCE ${name}`,
    s.owner,
  );
  if (grants.length) parts.push(grants.join('\n'));
  parts.push(...commentOn(`SEQUENCE ${name}`, s.comment));
  if (s.identity) parts.unshift('-- Identity sequence: created by the column’s GENERATED … AS IDENTITY.');
  return parts.join('\n\n') + '\n';
}

export function typeDdl(catalog: Catalog, t: UserType): string {
  const name = qualifiedIdent(t.schema, t.name);
  let create: string;
  switch (t.kind) {
    case 'enum':
      create = `CREATE TYPE ${name} AS ENUM (\n${t.labels.map((l) => `    ${literal(l)}`).join(',\n')}\n);`;
      break;
    case 'domain': {
      const d = t.domain;
      create = `CREATE DOMAIN ${name} AS ${d?.baseType.formatted ?? 'unknown'}`;
      if (d?.default) create += `\n    DEFAULT ${d.default}`;
      if (d?.notNull) create += '\n    NOT NULL';
      for (const c of d?.constraints ?? [])
        if (!c.notNull) create += `\n    CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
      create += ';';
      break;
    }
    case 'composite':
      create = `CREATE TYPE ${name} AS (\n${t.attributes.map((a) => `    ${quoteIdent(a.name)} ${a.type.formatted}`).join(',\n')}\n);`;
      break;
    case 'range':
      create = `CREATE TYPE ${name} AS RANGE (SUBTYPE = ${t.rangeSubtype?.formatted ?? 'unknown'});`;
      break;
    default:
      create = `-- ${t.kind} type ${name}: defined in C, no SQL form.`;
  }
  const parts = [
    create,
    `ALTER ${t.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${name} OWNER TO ${quoteIdent(t.owner)};`,
  ];
  const grants = grantStatements(
    grantsFor(catalog, { kind: 'type', schema: t.schema, name: t.name }).object,
    `TYPE ${name}`,
    t.owner,
  );
  if (grants.length) parts.push(grants.join('\n'));
  parts.push(...commentOn(`${t.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${name}`, t.comment));
  return parts.join('\n\n') + '\n';
}

export function schemaDdl(catalog: Catalog, s: SchemaInfo): string {
  const name = quoteIdent(s.name);
  const parts = [`CREATE SCHEMA ${name} AUTHORIZATION ${quoteIdent(s.owner)};`];
  const grants = grantStatements(
    grantsFor(catalog, { kind: 'schema', schema: null, name: s.name }).object,
    `SCHEMA ${name}`,
    s.owner,
  );
  if (grants.length) parts.push(grants.join('\n'));
  parts.push(...commentOn(`SCHEMA ${name}`, s.comment));
  return parts.join('\n\n') + '\n';
}
