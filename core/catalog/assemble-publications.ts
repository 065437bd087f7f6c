import type { Publication, PublishAction } from '../../shared/model/catalog.js';
import { groupBy } from './group-by.js';
import type { PublicationRow, PublicationSchemaRow, PublicationTableRow } from './rows.js';

/** The actions a publication sends, in the order WITH (publish = …) lists them. */
function publishOf(r: PublicationRow): PublishAction[] {
  const out: PublishAction[] = [];
  if (r.publish_insert) out.push('insert');
  if (r.publish_update) out.push('update');
  if (r.publish_delete) out.push('delete');
  if (r.publish_truncate) out.push('truncate');
  return out;
}

/**
 * publications.sql, publication-tables*.sql and publication-schemas.sql rows → the model's publications (in name
 * order, members in schema and name order from SQL). A column list or row filter is present only when set.
 */
export function assemblePublications(
  rows: readonly PublicationRow[],
  tableRows: readonly PublicationTableRow[],
  schemaRows: readonly PublicationSchemaRow[],
): Publication[] {
  const tables = groupBy(tableRows, (t) => t.publication_oid);
  const schemas = groupBy(schemaRows, (s) => s.publication_oid);
  return rows.map((r) => ({
    oid: r.oid,
    name: r.name,
    owner: r.owner,
    comment: r.comment,
    allTables: r.all_tables,
    publish: publishOf(r),
    viaPartitionRoot: r.via_partition_root,
    tables: (tables.get(r.oid) ?? []).map((t) => ({
      schema: t.schema,
      name: t.name,
      ...(t.columns !== null ? { columns: [...t.columns] } : {}),
      ...(t.where !== null ? { where: t.where } : {}),
    })),
    schemas: (schemas.get(r.oid) ?? []).map((s) => s.schema),
  }));
}
