import { principalLabel, type Policy, type Relation } from '../../../shared/model/catalog.js';
import { Badge } from '../../shell/Badge.js';
import { rlsState } from '../navigator-model.js';
import { RlsBadge } from '../RlsBadge.js';
import { plural } from '../../../shared/text/plural.js';

/** Policies as cards: command, permissive/restrictive, roles, USING and WITH CHECK in monospace. */
export function PoliciesTab({ relation, policies }: { relation: Relation; policies: readonly Policy[] }) {
  const state = rlsState(relation);
  return (
    <>
      <div className="detail-meta" style={{ alignItems: 'center' }}>
        <span>
          Row level security: <RlsBadge state={state} />
        </span>
        <span>
          {policies.length} {plural(policies.length, 'policy', 'policies')}
        </span>
      </div>
      {state === 'off' && policies.length > 0 && (
        <div className="callout warn" role="note" style={{ marginBottom: 'var(--space-3)' }}>
          RLS is disabled on this table, so these policies are not enforced. Run{' '}
          <code>ALTER TABLE … ENABLE ROW LEVEL SECURITY</code> to apply them.
        </div>
      )}
      {state !== 'off' && policies.length === 0 && (
        <div className="callout warn" role="note">
          RLS is enabled and no policy exists: every role except the owner
          {state === 'forced' ? '' : ' and BYPASSRLS roles'} sees no rows at all.
        </div>
      )}
      {state === 'off' && policies.length === 0 && (
        <div className="nav-empty">
          No policies. With RLS off, any role granted SELECT on this table reads every row.
        </div>
      )}
      {policies.map((p) => (
        <article className="policy-card" key={p.name} aria-label={`policy ${p.name}`}>
          <header>
            <h3>{p.name}</h3>
            <Badge tone="info">{p.command}</Badge>
            {p.permissive ? (
              <Badge tone="ok" title="Permissive policies are OR-ed together.">
                permissive
              </Badge>
            ) : (
              <Badge tone="violet" title="Restrictive policies are AND-ed with the permissive ones.">
                restrictive
              </Badge>
            )}
            <span className="muted" style={{ marginLeft: 'var(--space-2)' }}>
              to
            </span>
            {p.roles.map((r) => (
              <Badge key={principalLabel(r)} tone="outline">
                {principalLabel(r)}
              </Badge>
            ))}
          </header>
          <dl className="policy-expr">
            <dt>Using</dt>
            <dd>
              {p.using !== null ? (
                <div className="code-block">{p.using}</div>
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
            <dt>With check</dt>
            <dd>
              {p.withCheck !== null ? (
                <div className="code-block">{p.withCheck}</div>
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
          </dl>
          {p.comment && <p className="detail-comment">{p.comment}</p>}
        </article>
      ))}
    </>
  );
}
