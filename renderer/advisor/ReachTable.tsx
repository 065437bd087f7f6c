import { endpointCount, endpointIndexes, endpointsOf, reachPairs } from '../../shared/contract/advisor.js';
import { Badge } from '../shell/Badge.js';
import type { AdvisorReportView } from './api.js';

/**
 * Above this many role × endpoint rows, "all request roles" lists each role's totals instead (pick one to see its
 * endpoints): with hundreds of request roles the full table would be millions of rows.
 */
export const MAX_REACH_ROWS = 2000;

type Reach = AdvisorReportView['reach'];

/** Per role, each endpoint with its methods (and the columns a method is limited to) and whose rows it gets. */
export function ReachTable({
  reach,
  role,
  onPick,
}: {
  reach: Reach;
  role: string | null;
  onPick: (role: string) => void;
}) {
  if (role === null && reachPairs(reach) > MAX_REACH_ROWS)
    return <ReachSummary reach={reach} onPick={onPick} />;
  const roles = reach.roles.filter((r) => role === null || r.role === role);
  return (
    <div className="adv-reach-table">
      {roles.map((r) => {
        const endpoints = endpointsOf(reach, r);
        return (
          <section key={r.role} aria-label={`Reach of ${r.role}`}>
            <h3>
              {r.role}{' '}
              <span className="muted">{r.as === 'anon' ? 'anonymous (db-anon-role)' : 'JWT role'}</span>
              {!r.exists && <Badge tone="danger">does not exist</Badge>}
            </h3>
            {endpoints.length === 0 ? (
              <div className="muted">Reaches nothing.</div>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Endpoint</th>
                    <th scope="col">Methods</th>
                    <th scope="col">Rows</th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.map((e) => {
                    const filtered = e.rows === 'filtered';
                    return (
                      <tr key={`${e.schema}.${e.name}(${e.args ?? ''})`}>
                        <td className="mono">{e.path}</td>
                        <td className="mono">
                          {e.methods
                            .filter((m) => m.method !== 'HEAD')
                            .map((m) =>
                              m.columns === null ? m.method : `${m.method} (${m.columns.join(', ')})`,
                            )
                            .join('  ')}
                        </td>
                        <td>
                          <Badge tone={filtered ? 'ok' : 'warn'}>
                            {e.rows === 'definer'
                              ? 'runs as owner'
                              : filtered
                                ? 'filtered by RLS'
                                : 'unfiltered'}
                          </Badge>{' '}
                          {e.write && <Badge tone="danger">write</Badge>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Each role's totals: how many endpoints, how many write, how many see every row. */
function ReachSummary({ reach, onPick }: { reach: Reach; onPick: (role: string) => void }) {
  return (
    <div className="adv-reach-table" aria-label="Reach by role">
      <p className="muted">
        {reach.roles.length} request roles reach {reachPairs(reach).toLocaleString()} endpoints between them:
        pick a role to see its endpoints.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Endpoints</th>
            <th scope="col">Write</th>
            <th scope="col">Unfiltered</th>
          </tr>
        </thead>
        <tbody>
          {reach.roles.map((r) => {
            let write = 0;
            let unfiltered = 0;
            for (const i of endpointIndexes(r)) {
              const e = reach.endpoints[i]!;
              if (e.write) write++;
              if (e.rows === 'unfiltered') unfiltered++;
            }
            return (
              <tr key={r.role}>
                <td>
                  <button type="button" className="link mono" onClick={() => onPick(r.role)}>
                    {r.role}
                  </button>{' '}
                  <span className="muted">{r.as === 'anon' ? 'anonymous' : 'JWT'}</span>
                </td>
                <td>{endpointCount(r).toLocaleString()}</td>
                <td>{write.toLocaleString()}</td>
                <td>{unfiltered.toLocaleString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
