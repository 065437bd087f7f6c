import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { asErrorShape, useClient } from '../client/index.js';
import { Badge } from '../shell/Badge.js';
import { consoleApi, type DiscoveredClaims, type SavedPersona } from './api.js';
import { checkClaims, claimsJsonSchema, type ClaimsRules } from './claims.js';
import type { Json } from './json-locate.js';
import { LazyEditor } from './LazyEditor.js';

export interface PersonaEditorProps {
  readonly connectionId: string;
  readonly persona: SavedPersona;
  readonly onChange: (p: SavedPersona) => void;
  readonly onDelete?: () => void;
  readonly roles: {
    readonly request: readonly string[];
    readonly others: readonly string[];
    /** Roles left out of the list, with why the login cannot become them (shared/model/role-choice.ts). */
    readonly missing?: readonly { readonly role: string; readonly why: string }[];
  };
  readonly discovered: DiscoveredClaims;
  readonly rules: ClaimsRules;
}

/** Edits one persona: claims (schema-aware JSON) with a role picker and JWT minting, or a pasted token. */
export function PersonaEditor({
  connectionId,
  persona,
  onChange,
  onDelete,
  roles,
  discovered,
  rules,
}: PersonaEditorProps) {
  const check = useMemo(() => checkClaims(persona.claims, rules), [persona.claims, rules]);
  const schema = useMemo(
    () =>
      claimsJsonSchema({
        roles: [...roles.request, ...roles.others],
        requestRoles: roles.request,
        discovered,
        ...(rules.roleClaimKey ? { roleClaimKey: rules.roleClaimKey } : {}),
      }),
    [roles, discovered, rules.roleClaimKey],
  );
  const roleKey = rules.roleClaimKey ?? 'role';
  const currentRole =
    check.claims && typeof check.claims[roleKey] === 'string' ? (check.claims[roleKey] as string) : '';
  const setClaim = (name: string, value: Json) => {
    if (!check.claims) return;
    onChange({ ...persona, claims: JSON.stringify({ ...check.claims, [name]: value }, null, 2) });
  };
  const missing = discovered.filter((c) => !check.claims || !(c.name in check.claims));

  if (persona.id === 'anonymous')
    return (
      <div className="aa-persona-editor">
        <p className="aa-muted">
          No Authorization header: PostgREST runs the request as its anonymous role (db-anon-role). If none is
          configured, it answers 401.
        </p>
      </div>
    );

  return (
    <div className="aa-persona-editor">
      <input
        className="input"
        aria-label="Persona name"
        value={persona.name}
        onChange={(e) => onChange({ ...persona, name: e.target.value })}
      />
      <div className="aa-row">
        <div className="aa-seg" role="radiogroup" aria-label="Persona kind">
          {(['claims', 'jwt', 'anon'] as const).map((k) => (
            <button
              key={k}
              role="radio"
              aria-checked={persona.kind === k}
              className={`aa-seg-btn${persona.kind === k ? ' on' : ''}`}
              onClick={() => onChange({ ...persona, kind: k })}
            >
              {k === 'claims' ? 'Claims' : k === 'jwt' ? 'Bearer token' : 'No token'}
            </button>
          ))}
        </div>
        <span className="grow" />
        {onDelete && (
          <button className="btn ghost small danger" onClick={onDelete} aria-label="Delete persona">
            Delete
          </button>
        )}
      </div>
      {persona.kind === 'claims' ? (
        <>
          <label className="aa-label">
            Role
            <select
              className="select"
              aria-label="Role"
              value={currentRole}
              disabled={!check.claims}
              onChange={(e) => setClaim(roleKey, e.target.value)}
            >
              {currentRole === '' && (
                <option value="">
                  {check.claims ? '(no role claim: anonymous role)' : '(fix the claims JSON first)'}
                </option>
              )}
              {currentRole !== '' && !roles.request.includes(currentRole) && (
                <option value={currentRole}>
                  {currentRole} ({roles.others.includes(currentRole) ? 'not a request role' : 'unknown'})
                </option>
              )}
              <optgroup label="Request roles (the authenticator may switch to)">
                {roles.request.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          {(roles.missing ?? []).length > 0 && (
            <details className="aa-missing-roles">
              <summary>Why are other roles not listed?</summary>
              <ul aria-label="Roles PostgREST cannot become">
                {(roles.missing ?? []).map((m) => (
                  <li key={m.role}>
                    <b className="mono">{m.role}</b>: {m.why}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="aa-label">Claims (JSON)</div>
          <LazyEditor
            language="json"
            path={`claims/${persona.id}.json`}
            value={persona.claims}
            onChange={(claims) => onChange({ ...persona, claims })}
            height={180}
            ariaLabel="Claims JSON"
            schema={schema}
            markers={check.problems.map((p) => ({
              offset: p.offset,
              length: 1,
              message: p.message,
              severity: p.severity,
            }))}
          />
          <ProblemList problems={check.problems} />
          {missing.length > 0 && (
            <div className="aa-chips" aria-label="Claims the database reads">
              <span className="aa-muted">The database reads:</span>
              {missing.map((c) => (
                <button
                  key={c.name}
                  className="aa-chip"
                  title={`Read by ${c.usedBy.join(', ')}`}
                  disabled={!check.claims}
                  onClick={() => setClaim(c.name, '')}
                >
                  + {c.name}
                </button>
              ))}
            </div>
          )}
          <MintJwt connectionId={connectionId} claims={check.ok ? check.claims : null} />
        </>
      ) : persona.kind === 'jwt' ? (
        <TokenInspector
          connectionId={connectionId}
          token={persona.token}
          onChange={(token) => onChange({ ...persona, token })}
        />
      ) : (
        <p className="aa-muted">
          No Authorization header: the anonymous role, unless a pre-request function (db-pre-request) turns
          the headers or cookies below into a session.
        </p>
      )}
      <PersonaHeaders
        headers={persona.headers ?? []}
        onChange={(headers) => onChange({ ...persona, headers })}
      />
    </div>
  );
}

/**
 * Headers every request of this persona carries: a `Cookie` for a pre-request session (the postgrest-sessions
 * pattern), an API key … A cookie is edited as `Cookie: name=value; other=value`.
 */
function PersonaHeaders({
  headers,
  onChange,
}: {
  headers: readonly (readonly [string, string])[];
  onChange: (h: [string, string][]) => void;
}) {
  const rows = headers.map(([k, v]) => [k, v] as [string, string]);
  const set = (i: number, k: string, v: string) => onChange(rows.map((r, j) => (j === i ? [k, v] : r)));
  return (
    <fieldset className="aa-persona-headers" aria-label="Persona headers and cookies">
      <legend className="aa-label">Headers &amp; cookies</legend>
      {rows.map(([k, v], i) => (
        <div className="aa-row" key={i}>
          <input
            className="input mono"
            aria-label={`Persona header ${i + 1} name`}
            value={k}
            placeholder="Cookie"
            onChange={(e) => set(i, e.target.value, v)}
          />
          <input
            className="input mono grow"
            aria-label={`Persona header ${i + 1} value`}
            value={v}
            placeholder="session=…"
            onChange={(e) => set(i, k, e.target.value)}
          />
          <button
            className="btn ghost small"
            aria-label={`Remove persona header ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <div className="aa-row">
        <button className="btn small" onClick={() => onChange([...rows, ['Cookie', '']])}>
          + Cookie
        </button>
        <button className="btn small" onClick={() => onChange([...rows, ['', '']])}>
          + Header
        </button>
      </div>
    </fieldset>
  );
}

export function ProblemList({ problems }: { problems: ReturnType<typeof checkClaims>['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="aa-problems" role="alert" aria-label="Claims problems">
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          <span className="aa-pos">
            {p.line}:{p.column}
          </span>{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function MintJwt({ connectionId, claims }: { connectionId: string; claims: Record<string, Json> | null }) {
  const client = useClient();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const mint = async () => {
    if (!claims) return;
    setError(null);
    try {
      setToken((await consoleApi.mintJwt(client, { claims, connectionId })).token);
      setCopied(false);
    } catch (e) {
      const s = asErrorShape(e);
      setError(`${s.message}${s.hint ? ` ${s.hint}` : ''}`);
    }
  };
  return (
    <div className="aa-mint">
      <button className="btn small" disabled={!claims} onClick={() => void mint()}>
        Mint signed JWT
      </button>
      {token && (
        <div className="aa-token-row">
          <input
            className="input mono"
            readOnly
            value={token}
            aria-label="Minted JWT"
            onFocus={(e) => e.target.select()}
          />
          <button
            className="btn small"
            onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      {error && <div className="aa-inline-error">{error}</div>}
    </div>
  );
}

function TokenInspector({
  connectionId,
  token,
  onChange,
}: {
  connectionId: string;
  token: string;
  onChange: (t: string) => void;
}) {
  const client = useClient();
  const clean = token.trim().replace(/^Bearer\s+/i, '');
  const decoded = useQuery({
    queryKey: ['actAs', 'decode', connectionId, clean],
    queryFn: () => consoleApi.decodeJwt(client, clean, connectionId),
    enabled: clean !== '',
    staleTime: 5_000,
  });
  return (
    <div>
      <label className="aa-label" htmlFor="aa-token">
        Bearer JWT
      </label>
      <textarea
        id="aa-token"
        className="aa-textarea mono"
        rows={4}
        placeholder="eyJhbGciOiJIUzI1NiIs…"
        value={token}
        onChange={(e) => onChange(e.target.value)}
      />
      {decoded.data && (
        <div className="aa-decoded" aria-label="Decoded token">
          {decoded.data.valid === true && (
            <div>
              <Badge tone="ok">valid</Badge> PostgREST accepts it and runs as{' '}
              <b className="mono">{decoded.data.role}</b>.
            </div>
          )}
          {decoded.data.valid === false && decoded.data.error && (
            <div className="callout error" role="alert">
              <div>
                <div className="title">
                  PostgREST would refuse this token <span className="code">{decoded.data.error.code}</span>
                </div>
                <div>{decoded.data.error.message}</div>
                {decoded.data.error.details !== null && (
                  <div className="details">{String(decoded.data.error.details)}</div>
                )}
                {decoded.data.error.hint !== null && (
                  <div className="hint">{String(decoded.data.error.hint)}</div>
                )}
              </div>
            </div>
          )}
          {decoded.data.header && (
            <pre className="aa-pre">{JSON.stringify(decoded.data.header, null, 2)}</pre>
          )}
          {decoded.data.claims && (
            <pre className="aa-pre">{JSON.stringify(decoded.data.claims, null, 2)}</pre>
          )}
          {!decoded.data.claims && <div className="aa-muted">The token could not be decoded.</div>}
        </div>
      )}
      {decoded.error && <div className="aa-inline-error">{asErrorShape(decoded.error).message}</div>}
    </div>
  );
}
