import { Badge } from '../shell/Badge.js';
import type { AdvisorReportView } from './api.js';
/** Per role, each endpoint with its methods (and the columns a method is limited to) and whose rows it gets. */
export function ReachTable({ reach, role }: { reach: AdvisorReportView['reach']; role: string | null }) {
  const roles = reach.roles.filter((r) => role === null || r.role === role);
  return (
    <div className="adv-reach-table">
      {roles.map((r) => (
        <section key={r.role} aria-label={`Reach of ${r.role}`}>
          <h3>
            {r.role}{' '}
            <span className="muted">{r.as === 'anon' ? 'anonymous (db-anon-role)' : 'JWT role'}</span>
            {!r.exists && <Badge tone="danger">does not exist</Badge>}
          </h3>
          {r.endpoints.length === 0 ? (
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
                {r.endpoints.map((e) => {
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
      ))}
    </div>
  );
}
