import type { Catalog, Relation } from '../../../shared/model/catalog.js';
import { qualifiedKey, type QualifiedName } from './types.js';

/** One relation of the model with what the derivation asks of it again and again, computed once. */
export interface RelInfo {
  readonly relation: Relation;
  /** Shared by every relationship naming this relation: Maps keyed by it need no string key. */
  readonly qn: QualifiedName;
  /** qualifiedKey(qn). */
  readonly key: string;
  readonly isView: boolean;
}

/**
 * The model's relations by schema and name (no key strings built per lookup), and by the QualifiedName objects
 * handed out, so relationships built from them find their relations again by identity.
 */
export class RelationIndex {
  readonly all: readonly RelInfo[];
  private readonly bySchema = new Map<string, Map<string, RelInfo>>();
  private readonly byQn = new Map<QualifiedName, RelInfo>();
  private readonly byRowType = new Map<number, RelInfo>();

  constructor(catalog: Catalog) {
    const all: RelInfo[] = [];
    for (const relation of catalog.relations) {
      const qn: QualifiedName = { schema: relation.schema, name: relation.name };
      const info: RelInfo = {
        relation,
        qn,
        key: qualifiedKey(qn),
        isView: relation.kind === 'view' || relation.kind === 'materialized_view',
      };
      all.push(info);
      let names = this.bySchema.get(relation.schema);
      if (names === undefined) this.bySchema.set(relation.schema, (names = new Map()));
      names.set(relation.name, info);
      this.byQn.set(qn, info);
      this.byRowType.set(relation.rowTypeOid, info);
    }
    this.all = all;
  }

  get(schema: string, name: string): RelInfo | undefined {
    return this.bySchema.get(schema)?.get(name);
  }

  /** The relation of a QualifiedName this index handed out. */
  of(qn: QualifiedName): RelInfo | undefined {
    return this.byQn.get(qn) ?? this.get(qn.schema, qn.name);
  }

  /** The relation whose row type has this OID (what a function taking or returning rows names). */
  ofRowType(oid: number): RelInfo | undefined {
    return this.byRowType.get(oid);
  }
}
