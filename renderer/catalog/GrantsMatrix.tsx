import { principalLabel, type Grant, type Privilege } from '../../shared/model/catalog.js';

interface Row {
  readonly grantee: string;
  readonly cells: ReadonlyMap<Privilege, { grant: Grant | null; columns: string[] }>;
}

/** Grantees (rows) × privileges (columns); PUBLIC last, the rest by name. */
export function grantRows(grants: readonly Grant[], columnGrants: readonly Grant[]): Row[] {
  const byGrantee = new Map<string, Map<Privilege, { grant: Grant | null; columns: string[] }>>();
  const cell = (grantee: string, privilege: Privilege) => {
    let m = byGrantee.get(grantee);
    if (!m) byGrantee.set(grantee, (m = new Map()));
    let c = m.get(privilege);
    if (!c) m.set(privilege, (c = { grant: null, columns: [] }));
    return c;
  };
  for (const g of grants) cell(principalLabel(g.grantee), g.privilege).grant = g;
  for (const g of columnGrants) {
    const c = cell(principalLabel(g.grantee), g.privilege);
    if (g.object.member !== undefined && !c.columns.includes(g.object.member))
      c.columns.push(g.object.member);
  }
  return [...byGrantee.entries()]
    .map(([grantee, cells]) => ({ grantee, cells }))
    .sort((a, b) =>
      a.grantee === 'PUBLIC'
        ? 1
        : b.grantee === 'PUBLIC'
          ? -1
          : a.grantee < b.grantee
            ? -1
            : a.grantee > b.grantee
              ? 1
              : 0,
    );
}

/** Who may do what on one object, column grants included, read as a matrix like pgAdmin's privileges tab. */
export function GrantsMatrix({
  grants,
  columnGrants = [],
  privileges,
  owner,
}: {
  grants: readonly Grant[];
  columnGrants?: readonly Grant[];
  privileges: readonly Privilege[];
  owner?: string;
}) {
  const rows = grantRows(grants, columnGrants);
  if (rows.length === 0) {
    return (
      <div className="nav-empty">
        No privileges granted: only the owner{owner ? ` (${owner})` : ''} and superusers can use this object.
      </div>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table matrix" aria-label="Grants matrix">
          <thead>
            <tr>
              <th scope="col">Role</th>
              {privileges.map((p) => (
                <th key={p} scope="col" className="center">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.grantee}>
                <th scope="row" className="rowhead">
                  {row.grantee}
                  {row.grantee === owner && (
                    <>
                      {' '}
                      <span className="badge outline">owner</span>
                    </>
                  )}
                </th>
                {privileges.map((p) => {
                  const c = row.cells.get(p);
                  const label = `${row.grantee} ${p}`;
                  if (c?.grant) {
                    const g = c.grant;
                    const title = `${p} granted to ${row.grantee} by ${g.grantor}${g.grantable ? ' WITH GRANT OPTION' : ''}${g.implicit ? ' (implicit owner default)' : ''}`;
                    return (
                      <td
                        key={p}
                        className="cell"
                        aria-label={label}
                        data-state={g.grantable ? 'grantable' : 'granted'}
                        title={title}
                      >
                        <span
                          className={`grant-yes${g.grantable ? ' grant-grantable' : ''}${g.implicit ? ' grant-implicit' : ''}`}
                        >
                          {g.grantable ? '✓*' : '✓'}
                        </span>
                      </td>
                    );
                  }
                  if (c && c.columns.length > 0) {
                    return (
                      <td
                        key={p}
                        className="cell"
                        aria-label={label}
                        data-state="columns"
                        title={`${p} (${c.columns.join(', ')})`}
                      >
                        <span className="grant-cols">
                          {c.columns.length === 1 ? c.columns[0] : `${c.columns.length} columns`}
                        </span>
                      </td>
                    );
                  }
                  return (
                    <td key={p} className="cell" aria-label={label} data-state="none">
                      <span className="grant-no">·</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend">
        ✓ granted · ✓* with grant option · a column name or count: granted on those columns only
      </p>
      {columnGrants.length > 0 && <ColumnGrants grants={columnGrants} />}
    </>
  );
}

function ColumnGrants({ grants }: { grants: readonly Grant[] }) {
  const groups = new Map<string, { grantee: string; privilege: Privilege; columns: string[] }>();
  for (const g of grants) {
    const grantee = principalLabel(g.grantee);
    const key = `${grantee}\0${g.privilege}`;
    const entry = groups.get(key) ?? { grantee, privilege: g.privilege, columns: [] };
    if (g.object.member !== undefined) entry.columns.push(g.object.member);
    groups.set(key, entry);
  }
  return (
    <>
      <h3 className="section-title">Column grants</h3>
      <div className="table-wrap">
        <table className="table" aria-label="Column grants">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Privilege</th>
              <th scope="col">Columns</th>
            </tr>
          </thead>
          <tbody>
            {[...groups.values()].map((g) => (
              <tr key={`${g.grantee} ${g.privilege}`}>
                <td className="mono">{g.grantee}</td>
                <td>{g.privilege}</td>
                <td className="mono">{g.columns.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
