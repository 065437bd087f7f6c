import type { RequestResult } from './api.js';

type Full = NonNullable<RequestResult['context']>;
type Ctx = Omit<Full, 'afterPreRequest'> & { readonly afterPreRequest?: Full['afterPreRequest'] };

const fnName = (p: { schema: string; name: string }) => `${p.schema ? `${p.schema}.` : ''}${p.name}`;

/** name=value pairs one per line, so cookies and headers read as a list rather than one JSON parameter. */
function Pairs({ pairs, label }: { pairs: readonly (readonly [string, string])[]; label: string }) {
  if (pairs.length === 0) return <span className="aa-muted">none</span>;
  return (
    <ul className="aa-pairs mono" aria-label={label}>
      {pairs.map(([k, v], i) => (
        <li key={i}>
          <b>{k}</b> = {v}
        </li>
      ))}
    </ul>
  );
}

/**
 * The session a request or SQL run got: role, claims, settings and the pre-request function — and, when one
 * ran, the session as it left it (the role and claims a cookie session switched to, the settings it changed).
 */
export function SessionContextView({ ctx }: { ctx: Ctx }) {
  const after = ctx.afterPreRequest ?? null;
  return (
    <>
      <dl className="aa-context" aria-label="Transaction context">
        <dt>role</dt>
        <dd className="mono">{ctx.role}</dd>
        <dt>search_path</dt>
        <dd className="mono">{ctx.searchPath.join(', ')}</dd>
        <dt>request.jwt.claims</dt>
        <dd className="mono">{JSON.stringify(ctx.claims)}</dd>
        <dt>request.method / path</dt>
        <dd className="mono">
          {ctx.method} {ctx.path}
        </dd>
        <dt>request.cookies</dt>
        <dd>
          <Pairs pairs={ctx.cookies} label="Request cookies" />
        </dd>
        <dt>request.headers</dt>
        <dd>
          <Pairs pairs={ctx.headers} label="Request headers" />
        </dd>
        <dt>transaction</dt>
        <dd>
          {ctx.isolationLevel}, {ctx.readOnly ? 'read only' : 'read write'}
        </dd>
        {ctx.roleSettings.length > 0 && (
          <>
            <dt>role settings</dt>
            <dd className="mono">{ctx.roleSettings.map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
          </>
        )}
        {ctx.appSettings.length > 0 && (
          <>
            <dt>app settings</dt>
            <dd className="mono">{ctx.appSettings.map(([k]) => k).join(', ')}</dd>
          </>
        )}
        <dt>pre-request</dt>
        <dd className="mono">{ctx.preRequest ? `${fnName(ctx.preRequest)}()` : '—'}</dd>
      </dl>
      {ctx.preRequest && after && (
        <section className="aa-after-pre" aria-label="After the pre-request">
          <h4>After {fnName(ctx.preRequest)}() ran</h4>
          <dl className="aa-context">
            <dt>role</dt>
            <dd className="mono">
              {after.role}
              {after.role !== ctx.role && <span className="aa-muted"> (was {ctx.role})</span>}
            </dd>
            <dt>request.jwt.claims</dt>
            <dd className="mono">{after.claims === null ? '—' : JSON.stringify(after.claims)}</dd>
            <dt>settings it changed</dt>
            <dd>
              <Pairs pairs={after.changed} label="Settings the pre-request changed" />
            </dd>
          </dl>
        </section>
      )}
    </>
  );
}
