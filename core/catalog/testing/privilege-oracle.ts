import { readFileSync } from 'node:fs';
import pg from 'pg';
import { refKey, type Catalog, type Privilege } from '../../../shared/model/catalog.js';
import { effectivePrivilegeOn, effectivePrivileges } from '../../../shared/model/effective-privileges.js';
import { privilegeTable } from '../../../shared/model/privilege-table.js';
import { privilegesOf } from '../../../shared/model/privilege-kinds.js';
import {
  hasColumnPrivilege,
  hasDatabasePrivilege,
  hasFunctionPrivilege,
  hasSchemaPrivilege,
  hasSequencePrivilege,
  hasTablePrivilege,
  hasTypePrivilege,
} from '../../../shared/model/privileges.js';
import { pgHasRole, type RoleMode } from '../../../shared/model/role-closure.js';
import { readCatalog } from '../read-catalog.js';

const ORACLE = readFileSync(new URL('./privilege-oracle.sql', import.meta.url), 'utf8');

interface OracleRow {
  kind: 'table' | 'column' | 'sequence' | 'function' | 'schema' | 'type' | 'database' | 'role';
  role: string;
  schema: string | null;
  name: string;
  args: string | null;
  col: string | null;
  priv: string;
  held: boolean;
  grant_option: boolean | null;
}

const MODES: Record<string, RoleMode> = {
  MEMBER: 'MEMBER',
  USAGE: 'USAGE',
  SET: 'SET',
  'MEMBER WITH ADMIN OPTION': 'ADMIN',
};

/** What the model says for one oracle question: [held, held WITH GRANT OPTION]. */
function modelAnswer(c: Catalog, r: OracleRow): [boolean, boolean | null] {
  const p = r.priv as Privilege;
  const both = (f: (grantOption: boolean) => boolean): [boolean, boolean] => [f(false), f(true)];
  const s = r.schema ?? '';
  switch (r.kind) {
    case 'table':
      return both((g) => hasTablePrivilege(c, r.role, { schema: s, name: r.name }, p, { grantOption: g }));
    case 'column':
      return both((g) =>
        hasColumnPrivilege(c, r.role, { schema: s, table: r.name, column: r.col ?? '' }, p, {
          grantOption: g,
        }),
      );
    case 'sequence':
      return both((g) => hasSequencePrivilege(c, r.role, { schema: s, name: r.name }, p, { grantOption: g }));
    case 'function':
      return both((g) =>
        hasFunctionPrivilege(c, r.role, { schema: s, name: r.name, args: r.args ?? '' }, p, {
          grantOption: g,
        }),
      );
    case 'schema':
      return both((g) => hasSchemaPrivilege(c, r.role, r.name, p, { grantOption: g }));
    case 'type':
      return both((g) => hasTypePrivilege(c, r.role, { schema: s, name: r.name }, p, { grantOption: g }));
    case 'database':
      return both((g) => hasDatabasePrivilege(c, r.role, p, { grantOption: g }));
    case 'role':
      return [pgHasRole(c, r.role, r.name, MODES[r.priv]!), null];
  }
}

const label = (r: OracleRow) =>
  `${r.kind} ${r.schema === null ? '' : `${r.schema}.`}${r.name}${r.args === null ? '' : `(${r.args})`}` +
  `${r.col === null ? '' : `.${r.col}`}`;

export interface OracleResult {
  /** Questions asked of PostgreSQL (each asked of the model too). */
  readonly questions: number;
  /** How many PostgreSQL answered true: a property over only-false answers would prove little. */
  readonly trueAnswers: number;
  /** Every disagreement, in words; empty when the model agrees with PostgreSQL everywhere. */
  readonly mismatches: readonly string[];
  /** The model that was compared. */
  readonly catalog: Catalog;
}

/**
 * Reads the model of the database at `uri` (as the superuser) and asks PostgreSQL and the model the same
 * questions — every role of `roles` × every object of the model's schemas × every privilege, plus pg_has_role
 * between those roles — and checks effectivePrivileges() lists exactly what the point queries hold.
 */
export async function compareWithPostgres(uri: string, roles: readonly string[]): Promise<OracleResult> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    const catalog = await readCatalog(client);
    const major = catalog.server.major;
    const all = [...new Set([...roles, catalog.server.sessionUser, ...PREDEFINED])].filter((r) =>
      catalog.roles.some((x) => x.name === r),
    );
    const modes = major >= 16 ? Object.keys(MODES) : Object.keys(MODES).filter((m) => m !== 'SET');
    // Identity arguments are rendered relative to search_path: empty, as the model reads them.
    await client.query("SELECT pg_catalog.set_config('search_path', '', false)");
    const { rows } = await client.query<OracleRow>(ORACLE, [
      all,
      catalog.schemas.map((s) => s.name),
      privilegesOf('table', major),
      modes,
    ]);
    const mismatches: string[] = [];
    let trueAnswers = 0;
    const held = new Map<string, Set<string>>(all.map((r) => [r, new Set()]));
    const tableHeld = new Set<string>();
    for (const r of rows) {
      if (r.held) trueAnswers++;
      let answer: [boolean, boolean | null];
      try {
        answer = modelAnswer(catalog, r);
      } catch (e) {
        mismatches.push(`${r.role} ${r.priv} on ${label(r)}: the model threw ${(e as Error).message}`);
        continue;
      }
      if (answer[0] !== r.held || answer[1] !== r.grant_option)
        mismatches.push(
          `${r.role} ${r.priv} on ${label(r)}: PostgreSQL says ${r.held}/${r.grant_option} ` +
            `(held/with grant option), the model ${answer[0]}/${answer[1]}`,
        );
      if (r.held && r.kind === 'table') tableHeld.add(`${r.role}\0${r.schema}\0${r.name}\0${r.priv}`);
    }
    // The list must hold exactly what the point queries hold, with the same grant options; column entries only
    // where the table-level privilege is missing.
    for (const r of rows) {
      if (!r.held || r.kind === 'role') continue;
      if (r.kind === 'column' && tableHeld.has(`${r.role}\0${r.schema}\0${r.name}\0${r.priv}`)) continue;
      held.get(r.role)!.add(`${label(r)} ${r.priv} ${r.grant_option}`);
    }
    for (const role of all) {
      const listed = new Set(
        effectivePrivileges(catalog, role)
          .toArray()
          .map((e) => {
            const kind = e.column !== undefined ? 'column' : e.kind;
            const args = e.object.args === undefined ? '' : `(${e.object.args})`;
            const schema = e.object.schema === null ? '' : `${e.object.schema}.`;
            return `${kind} ${schema}${e.object.name}${args}${e.column === undefined ? '' : `.${e.column}`} ${e.privilege} ${e.grantable}`;
          }),
      );
      const expected = held.get(role)!;
      for (const x of expected)
        if (!listed.has(x)) mismatches.push(`effectivePrivileges(${role}) lacks ${x}`);
      for (const x of listed) if (!expected.has(x)) mismatches.push(`effectivePrivileges(${role}) adds ${x}`);
      // The one-privilege form (what the grants matrix paints with) answers exactly as the list, route included.
      const list = effectivePrivileges(catalog, role);
      for (const o of privilegeTable(catalog).objects)
        for (const p of o.privileges) {
          const fromList = JSON.stringify(list.find(o.ref, p, o.column) ?? null);
          const one = JSON.stringify(effectivePrivilegeOn(catalog, role, o.ref, p, o.column) ?? null);
          if (one !== fromList)
            mismatches.push(
              `effectivePrivilegeOn(${role}, ${refKey(o.ref)} ${o.column ?? ''} ${p}): ${one}, the list ${fromList}`,
            );
        }
    }
    return { questions: rows.length, trueAnswers, mismatches, catalog };
  } finally {
    await client.end();
  }
}

/** Predefined roles whose privileges the model derives (and the one the database owner implicitly joins). */
const PREDEFINED = ['pg_read_all_data', 'pg_write_all_data', 'pg_maintain', 'pg_database_owner'];
