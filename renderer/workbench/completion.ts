import type { Catalog } from '../../shared/model/catalog.js';

export type CompletionKind = 'keyword' | 'schema' | 'relation' | 'column' | 'function' | 'role';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Where it comes from: `api.orders`, `text`, `function(integer)`… */
  readonly detail: string;
  readonly insertText: string;
}

/** The keywords worth offering while writing SQL (PostgreSQL has ~500; these are the ones people type). */
export const KEYWORDS =
  `SELECT FROM WHERE AND OR NOT IN IS NULL TRUE FALSE AS ON JOIN LEFT RIGHT FULL INNER OUTER CROSS LATERAL
USING GROUP BY HAVING ORDER ASC DESC NULLS FIRST LAST LIMIT OFFSET FETCH UNION INTERSECT EXCEPT ALL DISTINCT WITH
RECURSIVE INSERT INTO VALUES DEFAULT UPDATE SET DELETE RETURNING MERGE MATCHED THEN CREATE ALTER DROP TABLE VIEW
MATERIALIZED INDEX SEQUENCE FUNCTION PROCEDURE TRIGGER POLICY SCHEMA ROLE TYPE DOMAIN EXTENSION GRANT REVOKE TO
PUBLIC PRIMARY KEY FOREIGN REFERENCES UNIQUE CHECK CONSTRAINT CASCADE RESTRICT IF EXISTS REPLACE RENAME COLUMN ADD
OWNER COMMENT ENABLE DISABLE ROW LEVEL SECURITY FORCE CASE WHEN ELSE END CAST BETWEEN LIKE ILIKE SIMILAR ANY SOME
EXPLAIN ANALYZE VERBOSE BUFFERS FORMAT JSON TRUNCATE VACUUM REFRESH COALESCE NULLIF EXISTS OVER PARTITION WINDOW
FILTER RETURNS LANGUAGE SECURITY DEFINER INVOKER STABLE IMMUTABLE VOLATILE BEGIN COMMIT ROLLBACK SAVEPOINT`
    .split(/\s+/)
    .filter(Boolean);

/** An identifier as it must be typed: bare when lower-case and simple, else double-quoted. */
export function typedIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !KEYWORDS.includes(name.toUpperCase())
    ? name
    : `"${name.replaceAll('"', '""')}"`;
}

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s.toLowerCase());

interface RelationEntry {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly { name: string; type: string }[];
}

/**
 * Completion from the model: what fits where the cursor is. After `schema.` the relations and functions of that
 * schema; after `table.` or `alias.` (aliases read from the statement's FROM/JOIN) that relation's columns;
 * elsewhere keywords, schemas, relations, functions, roles and the columns of the relations the statement uses.
 */
export class SqlCompleter {
  readonly #relations: RelationEntry[];
  readonly #schemas: string[];
  readonly #functions: { schema: string; name: string; args: string; returns: string }[];
  readonly #roles: string[];

  constructor(catalog: Catalog) {
    this.#relations = catalog.relations.map((r) => ({
      schema: r.schema,
      name: r.name,
      columns: r.columns.map((c) => ({ name: c.name, type: c.type.formatted })),
    }));
    this.#schemas = catalog.schemas.map((s) => s.name);
    this.#functions = catalog.functions.map((f) => ({
      schema: f.schema,
      name: f.name,
      args: f.identityArgs,
      returns: f.returns.text ?? f.returns.type.formatted,
    }));
    this.#roles = catalog.roles.filter((r) => !r.isSystem).map((r) => r.name);
  }

  #find(schema: string | null, name: string): RelationEntry | undefined {
    return this.#relations.find((r) => r.name === name && (schema === null || r.schema === schema));
  }

  /** Relations the statement names (`from api.orders o`, `join items as i`), by alias and by name. */
  aliases(statement: string): Map<string, RelationEntry> {
    const out = new Map<string, RelationEntry>();
    const ident = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
    const re = new RegExp(
      String.raw`\b(?:from|join|update|into)\s+(${ident})(?:\s*\.\s*(${ident}))?(?:\s+(?:as\s+)?(${ident}))?`,
      'gi',
    );
    for (const m of statement.matchAll(re)) {
      const [a, b, alias] = [m[1]!, m[2], m[3]];
      const rel = b === undefined ? this.#find(null, unquote(a)) : this.#find(unquote(a), unquote(b));
      if (!rel) continue;
      out.set(rel.name, rel);
      if (
        alias &&
        !/^(where|on|using|set|join|left|right|inner|full|cross|group|order|limit|values|select|natural)$/i.test(
          alias,
        )
      )
        out.set(unquote(alias), rel);
    }
    return out;
  }

  /** `before`: the statement's text up to the cursor; `statement`: all of it (aliases may follow the cursor). */
  complete(before: string, statement: string): Completion[] {
    const dotted = /((?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))\s*\.\s*("?[\w$]*)$/.exec(before);
    if (dotted) {
      const qualifier = unquote(dotted[1]!);
      const used = this.aliases(statement).get(qualifier);
      const columns = (used ?? this.#find(null, qualifier))?.columns ?? [];
      const inSchema = this.#schemas.includes(qualifier)
        ? [
            ...this.#relations
              .filter((r) => r.schema === qualifier)
              .map((r): Completion => ({
                label: r.name,
                kind: 'relation',
                detail: `${r.schema}.${r.name}`,
                insertText: typedIdent(r.name),
              })),
            ...this.#functions
              .filter((f) => f.schema === qualifier)
              .map((f): Completion => ({
                label: f.name,
                kind: 'function',
                detail: `${f.name}(${f.args}) → ${f.returns}`,
                insertText: `${typedIdent(f.name)}(`,
              })),
          ]
        : [];
      return [
        ...columns.map((c): Completion => ({
          label: c.name,
          kind: 'column',
          detail: c.type,
          insertText: typedIdent(c.name),
        })),
        ...inSchema,
      ];
    }
    const used = [...new Set(this.aliases(statement).values())];
    return [
      ...used.flatMap((r) =>
        r.columns.map((c): Completion => ({
          label: c.name,
          kind: 'column',
          detail: `${r.name}.${c.name} ${c.type}`,
          insertText: typedIdent(c.name),
        })),
      ),
      ...this.#relations.map((r): Completion => ({
        label: `${r.schema}.${r.name}`,
        kind: 'relation',
        detail: `${r.columns.length} columns`,
        insertText: `${typedIdent(r.schema)}.${typedIdent(r.name)}`,
      })),
      ...this.#schemas.map((s): Completion => ({
        label: s,
        kind: 'schema',
        detail: 'schema',
        insertText: typedIdent(s),
      })),
      ...this.#functions.map((f): Completion => ({
        label: `${f.schema}.${f.name}`,
        kind: 'function',
        detail: `(${f.args}) → ${f.returns}`,
        insertText: `${typedIdent(f.schema)}.${typedIdent(f.name)}(`,
      })),
      ...this.#roles.map((r): Completion => ({
        label: r,
        kind: 'role',
        detail: 'role',
        insertText: typedIdent(r),
      })),
      ...KEYWORDS.map((k): Completion => ({ label: k, kind: 'keyword', detail: 'keyword', insertText: k })),
    ];
  }
}
