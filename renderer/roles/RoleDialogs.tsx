import { useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import type { Catalog } from '../../shared/model/catalog.js';
import type { PostgrestRoleConfig } from '../../shared/model/postgrest-roles.js';
import { scramVerifier } from '../../shared/roles/scram.js';
import { postgrestTemplate } from '../../shared/roles/template.js';
import { asErrorShape, useClient } from '../client/index.js';
import { Dialog } from '../shell/Dialog.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { rolesApi, usePlanMutation, type PlanResult } from './api.js';

export function NewRoleDialog({
  catalog,
  onClose,
  onQueue,
}: {
  catalog: Catalog;
  onClose(): void;
  onQueue(changes: RoleChangeInput[]): void;
}) {
  const [name, setName] = useState('');
  const [login, setLogin] = useState(false);
  const [inherit, setInherit] = useState(true);
  const [bypassRls, setBypassRls] = useState(false);
  const [pw, setPw] = useState('');
  const [comment, setComment] = useState('');
  const taken = catalog.roles.some((r) => r.name === name);
  return (
    <Dialog title="New role" onClose={onClose}>
      <div className="dialog-body role-form">
        <label className="field">
          <span>Name</span>
          <input
            className="input mono"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={taken}
            aria-label="Role name"
          />
          {taken && <span className="field-error">A role named {name} already exists.</span>}
        </label>
        <div className="attr-grid">
          <label className="check">
            <input type="checkbox" checked={login} onChange={(e) => setLogin(e.target.checked)} /> LOGIN
          </label>
          <label className="check">
            <input type="checkbox" checked={inherit} onChange={(e) => setInherit(e.target.checked)} /> INHERIT
          </label>
          <label className="check">
            <input type="checkbox" checked={bypassRls} onChange={(e) => setBypassRls(e.target.checked)} />{' '}
            BYPASSRLS
          </label>
        </div>
        {login && (
          <label className="field">
            <span>Password (only its SCRAM verifier is sent)</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={pw}
              onChange={(e) => setPw(e.target.value)}
              aria-label="Password"
            />
          </label>
        )}
        <label className="field">
          <span>Comment</span>
          <input
            className="input"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-label="Comment"
          />
        </label>
        <div className="dialog-actions">
          <button className="btn ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn primary"
            disabled={name === '' || taken}
            onClick={() =>
              void (pw !== '' ? scramVerifier(pw) : Promise.resolve(undefined)).then((password) =>
                onQueue([
                  {
                    type: 'create-role',
                    name,
                    attributes: { canLogin: login, inherit, bypassRls },
                    ...(password !== undefined ? { password } : {}),
                    ...(comment !== '' ? { comment } : {}),
                  },
                ]),
              )
            }
          >
            Add to change set
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** "Set up PostgREST roles": the template's statements shown for review, then queued as one change set. */
export function TemplateDialog({
  connectionId,
  catalog,
  config,
  onClose,
  onQueued,
}: {
  connectionId: string;
  catalog: Catalog;
  config: PostgrestRoleConfig;
  onClose(): void;
  onQueued(result: PlanResult): void;
}) {
  const client = useClient();
  const userSchemas = catalog.schemas.filter((s) => s.extension === null).map((s) => s.name);
  const [authenticator, setAuthenticator] = useState(config.authenticator ?? 'authenticator');
  const [anon, setAnon] = useState(config.anonRole ?? 'anon');
  const [authenticated, setAuthenticated] = useState('app_user');
  const [schema, setSchema] = useState(
    config.schemas.find((s) => userSchemas.includes(s)) ?? userSchemas[0] ?? 'public',
  );
  const [owner, setOwner] = useState(catalog.server.currentUser);
  const [pw, setPw] = useState('');
  const [preview, setPreview] = useState<PlanResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const plan = usePlanMutation(connectionId, 'roles');
  const changes = async (): Promise<RoleChangeInput[]> =>
    postgrestTemplate({
      authenticator,
      anon,
      authenticated,
      schema,
      owner,
      major: catalog.server.major,
      ...(pw !== '' ? { authenticatorPassword: await scramVerifier(pw) } : {}),
    });
  const review = async () => {
    setError(null);
    try {
      setPreview(await rolesApi.plan(client, connectionId, 'roles', await changes(), false));
    } catch (e) {
      setError(e);
    }
  };
  const errors = preview?.problems.filter((p) => p.severity === 'error') ?? [];
  return (
    <Dialog title="Set up PostgREST roles" onClose={onClose}>
      <div className="dialog-body role-form template-form">
        <p className="muted">
          PostgREST logs in as the authenticator (LOGIN NOINHERIT, nothing of its own) and switches to the
          anonymous or authenticated role per request. The request roles get USAGE on the API schema;
          functions the owner creates there are not executable by PUBLIC.
        </p>
        <div className="template-grid">
          <label className="field">
            <span>Authenticator</span>
            <input
              className="input mono"
              value={authenticator}
              onChange={(e) => setAuthenticator(e.target.value)}
              aria-label="Authenticator"
            />
          </label>
          <label className="field">
            <span>Authenticator password</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={pw}
              onChange={(e) => setPw(e.target.value)}
              aria-label="Authenticator password"
            />
          </label>
          <label className="field">
            <span>Anonymous role (db-anon-role)</span>
            <input
              className="input mono"
              value={anon}
              onChange={(e) => setAnon(e.target.value)}
              aria-label="Anonymous role"
            />
          </label>
          <label className="field">
            <span>Authenticated role</span>
            <input
              className="input mono"
              value={authenticated}
              onChange={(e) => setAuthenticated(e.target.value)}
              aria-label="Authenticated role"
            />
          </label>
          <label className="field">
            <span>API schema</span>
            <select
              className="select"
              value={schema}
              onChange={(e) => setSchema(e.target.value)}
              aria-label="API schema"
            >
              {userSchemas.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Owner of the API objects</span>
            <select
              className="select"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              aria-label="Owner"
            >
              {catalog.roles
                .filter((r) => !r.isSystem)
                .map((r) => (
                  <option key={r.name}>{r.name}</option>
                ))}
            </select>
          </label>
        </div>
        {error !== null && (
          <ErrorCallout error={asErrorShape(error)} title="The template could not be prepared" />
        )}
        {preview && (
          <div className="template-preview" data-testid="template-preview">
            {errors.map((p, i) => (
              <div key={i} className="callout error">
                {p.message} {p.hint && <div className="hint">{p.hint}</div>}
              </div>
            ))}
            <pre className="sql-preview mono">{preview.statements.map((s) => `${s.sql};`).join('\n')}</pre>
          </div>
        )}
        <div className="dialog-actions">
          <button className="btn ghost" onClick={onClose}>
            Cancel
          </button>
          <button className="btn" onClick={() => void review()}>
            Review SQL
          </button>
          <button
            className="btn primary"
            disabled={preview === null || errors.length > 0 || plan.isPending}
            onClick={() =>
              void changes().then((c) =>
                plan.mutate(
                  { changes: c, queue: true },
                  { onSuccess: (r) => (r.changeSet ? onQueued(r) : setPreview(r)), onError: setError },
                ),
              )
            }
          >
            Add to change set
          </button>
        </div>
      </div>
    </Dialog>
  );
}
