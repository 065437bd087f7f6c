import type { TypeRef } from '../../shared/model/catalog.js';
import type { TypeNameRow } from './rows.js';

/**
 * Builds TypeRefs from type OIDs. Equal (oid, formatted) pairs share one object: 50,000 integer columns
 * need one TypeRef, not 50,000.
 */
export class TypeRefs {
  private readonly byOid = new Map<number, TypeNameRow>();
  private readonly cache = new Map<string, TypeRef>();
  /** Refs without a typmod, by OID alone (most columns): no key string to build. */
  private readonly plain = new Map<number, TypeRef>();

  constructor(rows: readonly TypeNameRow[]) {
    for (const row of rows) this.byOid.set(row.oid, row);
  }

  row(oid: number): TypeNameRow | undefined {
    return this.byOid.get(oid);
  }

  /** `formatted` defaults to format_type(oid, NULL); pass the column's text to keep its typmod. */
  ref(oid: number, formatted?: string): TypeRef {
    if (formatted === undefined) {
      let plain = this.plain.get(oid);
      if (plain === undefined) {
        plain = this.build(oid, undefined);
        this.plain.set(oid, plain);
      }
      return plain;
    }
    return this.build(oid, formatted);
  }

  private build(oid: number, formatted: string | undefined): TypeRef {
    const row = this.byOid.get(oid);
    const text = formatted ?? row?.formatted ?? String(oid);
    const key = `${oid}\0${text}`;
    let ref = this.cache.get(key);
    if (ref === undefined) {
      ref = Object.freeze({
        oid,
        schema: row?.schema ?? '',
        name: row?.name ?? text,
        formatted: text,
        kind: row?.kind ?? 'base',
        isArray: row?.is_array ?? false,
        elementOid: row?.element_oid ?? null,
      });
      this.cache.set(key, ref);
    }
    return ref;
  }
}
