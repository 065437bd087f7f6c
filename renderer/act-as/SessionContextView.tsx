import type { RequestResult } from './api.js';

type Ctx = NonNullable<RequestResult['context']>;

/** The session a request or SQL run got: role, claims, settings and the pre-request function. */
export function SessionContextView({ ctx }: { ctx: Ctx }) {
  return (
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
      <dd className="mono">
        {ctx.preRequest
          ? `${ctx.preRequest.schema ? `${ctx.preRequest.schema}.` : ''}${ctx.preRequest.name}()`
          : '—'}
      </dd>
    </dl>
  );
}
