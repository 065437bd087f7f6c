import type { ObjectRef } from '../../shared/model/catalog.js';
import type {
  CollationRow,
  FunctionRow,
  LanguageRow,
  RelationRow,
  SchemaRow,
  SequenceRow,
  TypeNameRow,
  TypeRow,
} from './rows.js';

/**
 * OID → reference maps for the objects of one read, so grants, policies and dependencies (which the SQL
 * returns by OID) become stable `{kind, schema, name}` references. Objects outside the model map to nothing.
 */
export class ObjectRefs {
  readonly relations = new Map<number, ObjectRef>();
  readonly sequences = new Map<number, ObjectRef>();
  readonly schemas = new Map<number, ObjectRef>();
  readonly functions = new Map<number, ObjectRef>();
  /** User types, plus relation row types (→ the relation) and array types (→ their element's reference). */
  readonly types = new Map<number, ObjectRef>();
  /** User collations (an extension's come and go with it: edges to them are not the model's). */
  readonly collations = new Map<number, ObjectRef>();
  /** Procedural languages (database-wide: grants on them are read whatever the schemas). */
  readonly languages = new Map<number, ObjectRef>();
  database: ObjectRef | null = null;

  constructor(parts: {
    relations: readonly RelationRow[];
    sequences: readonly SequenceRow[];
    schemas: readonly SchemaRow[];
    functions: readonly FunctionRow[];
    types: readonly TypeRow[];
    typeNames: readonly TypeNameRow[];
    collations: readonly CollationRow[];
    languages: readonly LanguageRow[];
    database: { oid: number; name: string };
  }) {
    for (const r of parts.relations) {
      const ref: ObjectRef = { kind: 'relation', schema: r.schema, name: r.name };
      this.relations.set(r.oid, ref);
      this.types.set(r.row_type_oid, ref);
    }
    for (const s of parts.sequences)
      this.sequences.set(s.oid, { kind: 'sequence', schema: s.schema, name: s.name });
    for (const s of parts.schemas) this.schemas.set(s.oid, { kind: 'schema', schema: null, name: s.name });
    for (const f of parts.functions) {
      this.functions.set(f.oid, { kind: 'function', schema: f.schema, name: f.name, args: f.identity_args });
    }
    for (const t of parts.types) this.types.set(t.oid, { kind: 'type', schema: t.schema, name: t.name });
    // An array type stands for its element type (a function taking mood[] depends on mood).
    for (const t of parts.typeNames) {
      if (t.is_array && t.element_oid !== null) {
        const element = this.types.get(t.element_oid);
        if (element !== undefined) this.types.set(t.oid, element);
      }
    }
    for (const c of parts.collations)
      if (c.extension === null)
        this.collations.set(c.oid, { kind: 'collation', schema: c.schema, name: c.name });
    for (const l of parts.languages)
      this.languages.set(l.oid, { kind: 'language', schema: null, name: l.name });
    this.database = { kind: 'database', schema: null, name: parts.database.name };
  }

  /** A pg_class OID: relation or sequence. */
  classRef(oid: number): ObjectRef | undefined {
    return this.relations.get(oid) ?? this.sequences.get(oid);
  }
}
