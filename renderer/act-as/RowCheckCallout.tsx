import type { RowCheck } from '../../shared/contract/act-as.js';
import { explainRowCount } from '../../shared/model/access-explanations.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { openObjectTab } from './navigate.js';

/** "0 of 1 matching rows updated — hidden from app_user by …": the rows RLS hid from a 2xx answer. */
export function RowCheckCallout({ check, catalog }: { check: RowCheck; catalog: Catalog | null }) {
  const e = explainRowCount(catalog, check);
  if (e === null) return null;
  return (
    <div className="callout warn aa-rowcheck" role="status" data-testid="row-check">
      <div>
        <div className="title">
          {e.headline} — {e.reason}
        </div>
        <p className="aa-plain">
          PostgREST answers this as a success: row-level security filters rows silently instead of refusing
          the request. Counted as the developer (the table owner) after the request was rolled back.
        </p>
        {e.policies.length > 0 && (
          <ul className="aa-policies" aria-label="Policies that apply">
            {e.policies.map((p) => (
              <li key={p.name}>
                <b className="mono">{p.name}</b>{' '}
                <span className="aa-muted">
                  {p.command} · {p.permissive ? 'permissive' : 'restrictive'}
                </span>
                {p.using && (
                  <div>
                    <span className="aa-muted">USING</span> <code>{p.using}</code>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <button
          className="link"
          onClick={() =>
            openObjectTab({ kind: 'relation', schema: check.schema, name: check.table }, 'policies')
          }
        >
          Open Policies of {check.schema}.{check.table} →
        </button>
      </div>
    </div>
  );
}
