/**
 * A relation's columns as PostgREST's schema cache describes them (SchemaCache.hs, tablesSqlQuery's `columns`):
 * the type to cast to, nullability and the default, derived from the catalog model's column facts.
 */
import type { Catalog, Column as ModelColumn, TypeRef, UserType } from '../../../shared/model/catalog.js';
import { identQuoter } from '../../../shared/sql/quote-ident.js';
import type { Column } from './types.js';

type Domain = NonNullable<UserType['domain']>;

/**
 * format_type(oid, NULL) from format_type(oid, typmod) for a pg_catalog type: the modifiers of the built-in
 * types are a parenthesised number list (`numeric(12,2)`, `time(3) with time zone`) and, for intervals, the
 * field words (`interval day to second(3)`); an array keeps its brackets.
 */
export function withoutTypmod(formatted: string): string {
  const brackets = /(\[\])+$/.exec(formatted)?.[0] ?? '';
  let core = formatted.slice(0, formatted.length - brackets.length);
  core = core.replace(/\(\d+(?:,\d+)?\)/g, '');
  if (core.startsWith('interval ')) core = 'interval';
  return core + brackets;
}

/** What the derivation needs of the model's types and sequences, indexed once per schema cache. */
export class ColumnFacts {
  private readonly domains = new Map<number, Domain>();
  private readonly identitySequences = new Map<string, string>();

  constructor(catalog: Catalog) {
    for (const t of catalog.types) if (t.domain !== null) this.domains.set(t.oid, t.domain);
    for (const s of catalog.sequences) {
      if (!s.identity || s.ownedBy === null) continue;
      const o = s.ownedBy;
      // regclass text with an empty search_path: both parts, each as quote_ident() writes it
      // (keywords aside: the model does not carry the server's keyword list).
      this.identitySequences.set(
        `${o.schema}\0${o.table}\0${o.column}`,
        `${quoteNoKeywords(s.schema)}.${quoteNoKeywords(s.name)}`,
      );
    }
  }

  domain(type: TypeRef): Domain | undefined {
    return type.kind === 'domain' ? this.domains.get(type.oid) : undefined;
  }

  /** pg_basetype(): the type under a stack of domains (the domain itself when the model lacks it). */
  baseType(type: TypeRef): TypeRef {
    let t = type;
    for (let hops = 0; hops < 32; hops++) {
      const d = this.domain(t);
      if (d === undefined) return t;
      t = d.baseType;
    }
    return t;
  }

  identitySequence(schema: string, table: string, column: string): string | undefined {
    return this.identitySequences.get(`${schema}\0${table}\0${column}`);
  }
}

const quoteNoKeywords = identQuoter(new Set<string>());

/** SQL literal of a text (standard_conforming_strings on): quotes doubled. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function schemaCacheColumn(
  facts: ColumnFacts,
  relation: { readonly schema: string; readonly name: string },
  c: ModelColumn,
): Column {
  const domain = facts.domain(c.type);
  // data_type: built-in types without their modifiers, others as declared; a domain over a built-in type is
  // that type, a domain over anything else stays the domain.
  let type: string;
  if (domain !== undefined) {
    const base = facts.baseType(c.type);
    type = base.schema === 'pg_catalog' ? withoutTypmod(base.formatted) : c.type.formatted;
  } else {
    type = c.type.schema === 'pg_catalog' ? withoutTypmod(c.type.formatted) : c.type.formatted;
  }
  // column_default: the domain's default when the column has none, nextval() for BY DEFAULT identities,
  // nothing for stored generated columns, else the expression in pg_attrdef (a virtual column's generation).
  let dflt: string | null;
  const attrdef = c.generated !== null ? c.generation : c.default;
  if (domain !== undefined && attrdef === null) dflt = domain.default;
  else if (c.identity === 'by_default') {
    const seq = facts.identitySequence(relation.schema, relation.name, c.name);
    dflt = seq === undefined ? null : `nextval(${literal(seq)})`;
  } else if (c.generated === 'stored') dflt = null;
  else dflt = attrdef;
  return {
    name: c.name,
    type,
    nominalType: c.type.formatted,
    nullable: !(c.notNull || (domain?.notNull ?? false)),
    default: dflt,
  };
}
