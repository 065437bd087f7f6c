/** Mutation and function-call statements (PostgREST QueryBuilder.hs mutatePlanToQuery/callPlanToQuery). */
import type { CallPlan, CoercibleField, LimitedMutation, MutatePlan } from '../plan/types.js';
import type { QualifiedName } from '../schema-cache/types.js';
import { limitOffset, logicTree, orderBy } from './read.js';
import { arrayLiteral, catalogLiteral, catalogType, column, ident, qident, type Params } from './sql.js';

const BODY = { schema: '', name: 'pgrst_body' };

function isJsonObject(body: string | null): boolean {
  return (body ?? '').replace(/^[ \t\n\r]+/, '').startsWith('{');
}

/**
 * `FROM (SELECT $n::json AS json_data) pgrst_payload, LATERAL (SELECT cols FROM json_to_record(set)(…) AS _(typed cols)) pgrst_body`,
 * optionally prefixed with `SELECT pgrst_body.cols` and merging column defaults for missing keys.
 */
export function fromJsonBody(
  p: Params,
  body: string | null,
  fields: readonly CoercibleField[],
  includeSelect: boolean,
  limitOne: boolean,
  defaults: boolean,
): string {
  const obj = isJsonObject(body);
  const select = includeSelect ? `SELECT ${fields.map((f) => column(BODY, f.name)).join(', ')} ` : '';
  const placeholder = `${p.add(body)}::${defaults ? 'jsonb' : 'json'}`;
  const defsObj = `jsonb_build_object(${fields
    .filter((f) => f.default !== null)
    .map((f) => `${catalogLiteral(f.name)}, ${f.default ?? ''}`)
    .join(',')})`;
  const defaultsClause = !defaults
    ? ''
    : obj
      ? `LATERAL (SELECT ${defsObj} || pgrst_payload.json_data AS val) pgrst_json_defs, `
      : `LATERAL (SELECT jsonb_agg(${defsObj} || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `;
  const finalBody = defaults ? 'pgrst_json_defs.val' : 'pgrst_payload.json_data';
  const arrayElements = defaults ? 'jsonb_array_elements' : 'json_array_elements';
  const toRecord = `${defaults ? 'jsonb' : 'json'}_to_record${obj ? '' : 'set'}`;
  const typed = fields.map((f) => `${ident(f.name)} ${catalogType(f.irType)}`).join(', ');
  const source =
    fields.length > 0
      ? `${toRecord}(${finalBody}) AS _(${typed}) ${limitOne ? 'LIMIT 1' : ''}`
      : obj
        ? '(values(1)) _ '
        : `${arrayElements}(${finalBody}) _ `;
  const parsed = fields
    .map((f) =>
      f.transform === null ? ident(f.name) : `${f.transform}(${ident(f.name)}) AS ${ident(f.name)}`,
    )
    .join(', ');
  return `${select}FROM (SELECT ${placeholder} AS json_data) pgrst_payload, ${defaultsClause}LATERAL (SELECT ${parsed} FROM ${source}) pgrst_body `;
}

function returning(qi: QualifiedName, cols: readonly string[]): string {
  return cols.length === 0 ? 'RETURNING 1' : `RETURNING ${cols.map((c) => column(qi, c)).join(', ')}`;
}

/** set_config('pgrst.inserted', …) counts the rows an upsert inserted (+1) vs updated (-1 in DO UPDATE). */
function countInserted(add: boolean): string {
  const [sym, num] = add ? ['+', '0'] : ['-', '-1'];
  return `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${sym} 1)::text, true) <> '${num}'`;
}

/**
 * PostgREST 12's pgrst_affected_rows: the order columns of the first rows in range, and the condition matching
 * the table's rows to them (v12.2.12 QueryBuilder.hs:150-160, 177-187; SqlFragment.hs:505-510 mutRangeF).
 */
function affectedRows(
  p: Params,
  table: QualifiedName,
  where: string,
  limited: LimitedMutation,
): { cte: string; match: string } {
  const cols = limited.order.map((o) => (o.type === 'field' ? o.field.name : o.fieldName));
  const affected = { schema: '', name: 'pgrst_affected_rows' };
  return {
    cte: `pgrst_affected_rows AS (SELECT ${cols.map((c) => column(table, c)).join(', ')} FROM ${qident(table)}${where} ${orderBy(p, table, limited.order)} ${limitOffset(p, limited.range)}) `,
    match: cols.map((c) => `${column(table, c)} = ${column(affected, c)}`).join(' AND '),
  };
}

export function mutateQuery(p: Params, m: MutatePlan): string {
  switch (m.type) {
    case 'insert': {
      const cols = m.columns.map((c) => ident(c.name)).join(', ');
      const merge = m.onConflict?.resolution === 'merge-duplicates';
      let sql = `INSERT INTO ${qident(m.into)}${m.columns.length === 0 ? ' ' : `(${cols}) `}`;
      sql += fromJsonBody(p, m.body, m.columns, true, false, m.applyDefaults);
      if (m.where.length > 0) {
        sql += `WHERE ${countInserted(true)} AND ${m.where.map((t) => logicTree(p, BODY, t)).join(' AND ')}`;
      } else if (merge) {
        sql += `WHERE ${countInserted(true)}`;
      }
      if (m.onConflict && m.onConflict.columns.length > 0) {
        sql += ` ON CONFLICT(${m.onConflict.columns.map(ident).join(', ')}) `;
        if (m.onConflict.resolution === 'ignore-duplicates' || m.columns.length === 0) sql += 'DO NOTHING';
        else {
          sql += `DO UPDATE SET ${m.columns.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')}`;
          if (m.where.length > 0 || merge) sql += `WHERE ${countInserted(false)}`;
        }
      }
      return `${sql} ${returning(m.into, m.returning)}`;
    }
    case 'update': {
      if (m.columns.length === 0) {
        const t = { schema: '', name: m.table.name };
        const cols = m.returning.length === 0 ? 'NULL' : m.returning.map((c) => column(t, c)).join(', ');
        return `SELECT ${cols} FROM ${qident(m.table)} WHERE false`;
      }
      const set = m.columns.map((c) => `${ident(c.name)} = ${column(BODY, c.name)}`).join(', ');
      const where = m.where.length
        ? ` WHERE ${m.where.map((t) => logicTree(p, m.table, t)).join(' AND ')}`
        : '';
      if (m.limited) {
        const rangeCols = m.columns
          .map((c) => `${ident(c.name)} = (SELECT ${ident(c.name)} FROM pgrst_update_body) `)
          .join(', ');
        const r = affectedRows(p, m.table, where, m.limited);
        return `WITH pgrst_update_body AS (${fromJsonBody(p, m.body, m.columns, true, true, m.applyDefaults)}), ${r.cte} UPDATE ${qident(m.table)} SET ${rangeCols}FROM pgrst_affected_rows WHERE ${r.match} ${returning(m.table, m.returning)}`;
      }
      return `UPDATE ${qident(m.table)} SET ${set} ${fromJsonBody(p, m.body, m.columns, false, false, m.applyDefaults)}${where} ${returning(m.table, m.returning)}`;
    }
    case 'delete': {
      const where = m.where.length
        ? ` WHERE ${m.where.map((t) => logicTree(p, m.from, t)).join(' AND ')}`
        : '';
      if (m.limited) {
        const r = affectedRows(p, m.from, where, m.limited);
        return `WITH ${r.cte} DELETE FROM ${qident(m.from)} USING pgrst_affected_rows WHERE ${r.match} ${returning(m.from, m.returning)}`;
      }
      return `DELETE FROM ${qident(m.from)} ${where} ${returning(m.from, m.returning)}`;
    }
  }
}

export function callQuery(p: Params, c: CallPlan): string {
  const scalar = c.returnsScalar || c.returnsSetOfScalar;
  const callIt = (arg: string) =>
    scalar
      ? `(SELECT ${qident(c.function)}(${arg}) pgrst_scalar) pgrst_call`
      : `${qident(c.function)}(${arg}) pgrst_call`;
  const jsonArgs =
    c.args.type === 'json'
      ? c.args.json
      : JSON.stringify(
          Object.fromEntries([...c.args.args].map(([k, v]) => [k, v.type === 'fixed' ? v.value : v.values])),
        );
  let from: string;
  if (c.params.type === 'one-positional') {
    const t = c.params.param.type;
    from = `FROM ${callIt(t === 'bytea' ? p.add(jsonArgs) : `${p.add(jsonArgs)}::${catalogType(t)}`)}`;
  } else if (c.params.params.length === 0) {
    from = `FROM ${callIt('')}`;
  } else if (c.args.type === 'direct') {
    const args = c.args.args;
    const fmt = c.params.params.map((prm) => {
      const v = args.get(prm.name);
      const enc =
        v === undefined ? 'NULL' : v.type === 'variadic' ? p.add(arrayLiteral(v.values)) : p.add(v.value);
      return `${prm.variadic ? 'VARIADIC ' : ''}${ident(prm.name)} := ${enc}::${catalogType(prm.typeMaxLength)}`;
    });
    from = `FROM ${callIt(fmt.join(', '))}`;
  } else {
    const fields: CoercibleField[] = c.params.params.map((prm) => ({
      name: prm.name,
      jsonPath: [],
      toJson: false,
      toTsVector: null,
      irType: prm.typeMaxLength,
      baseType: '',
      nominalType: '',
      transform: null,
      default: null,
      fullRow: false,
    }));
    const named = c.params.params
      .map((prm) => `${prm.variadic ? 'VARIADIC ' : ''}${ident(prm.name)} := pgrst_body.${ident(prm.name)}`)
      .join(', ');
    from = `${fromJsonBody(p, c.args.json, fields, false, true, false)}, LATERAL ${callIt(named)}`;
  }
  const call = { schema: '', name: 'pgrst_call' };
  let cols: string;
  if (scalar) cols = 'pgrst_call.pgrst_scalar';
  else if (c.returning.length === 0) cols = '*';
  else if (c.returning.length === 1 && c.returning[0] === '*') cols = column(call, '*');
  else
    cols = [...new Set([...c.returning, ...c.filterFields])]
      .sort()
      .map((x) => column(call, x))
      .join(', ');
  return `SELECT ${cols} ${from}`;
}
