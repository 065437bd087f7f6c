import { endpointsOf } from '../../shared/contract/advisor.js';
import { Loading } from '../shell/EmptyState.js';
import { Badge } from '../shell/Badge.js';
import type { AdvisorReportView } from './api.js';

type Reach = AdvisorReportView['reach'];
type Totals = AdvisorReportView['reachTotals'];

export interface ReachTableProps {
  /** The map that holds the role shown (the report's whole map, or the picked role's), or null while it loads. */
  readonly reach: Reach | null;
  /** Each role's totals, listed when no role is picked and the map was too big to send (`complete` false). */
  readonly totals: Totals;
  readonly complete: boolean;
  readonly role: string | null;
  readonly onPick: (role: string) => void;
}

/** Per role, each endpoint with its methods (and the columns a method is limited to) and whose rows it gets. */
export function ReachTable({ reach, totals, complete, role, onPick }: ReachTableProps) {
  if (role === null && !complete) return <ReachSummary totals={totals} onPick={onPick} />;
  if (reach === null) return <Loading label={`Reading what ${role ?? 'the roles'} reach…`} />;
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
function ReachSummary({ totals, onPick }: { totals: Totals; onPick: (role: string) => void }) {
  let pairs = 0;
  for (const t of totals) pairs += t.endpoints;
  return (
    <div className="adv-reach-table" aria-label="Reach by role">
      <p className="muted">
        {totals.length} request roles reach {pairs.toLocaleString()} endpoints between them: pick a role to
        see its endpoints.
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
          {totals.map((t) => (
            <tr key={t.role}>
              <td>
                <button type="button" className="link mono" onClick={() => onPick(t.role)}>
                  {t.role}
                </button>{' '}
                <span className="muted">{t.as === 'anon' ? 'anonymous' : 'JWT'}</span>
              </td>
              <td>{t.endpoints.toLocaleString()}</td>
              <td>{t.writes.toLocaleString()}</td>
              <td>{t.unfiltered.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
