import { useState, type ReactNode } from 'react';
import { sslModeSchema } from '../../shared/model/connection.js';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { WhoamiBadges } from './WhoamiBadges.js';
import { draftToParams, fieldForError, switchMode, type ConnectionDraft, type DraftField } from './draft.js';
import {
  useOpenConnectionMutation,
  useSaveConnectionMutation,
  useTestConnectionMutation,
} from './queries.js';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'error'; error: ReturnType<typeof asErrorShape>; field: DraftField | null }
  | { kind: 'local'; field: DraftField; message: string }
  | { kind: 'tested'; summary: ReactNode; warnings: string[] }
  | { kind: 'saved'; name: string };

/** URI or fields; Test tries without saving, Save keeps it (password to the secret store), Connect opens it. */
export function ConnectionForm({
  draft,
  update,
  onOpened,
}: {
  draft: ConnectionDraft;
  update(patch: Partial<ConnectionDraft>): void;
  onOpened(id: string): void;
}) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // Why the URI could not be copied into the fields (the fields then keep what they had).
  const [modeNote, setModeNote] = useState<string | null>(null);
  const toMode = (mode: ConnectionDraft['mode']) => {
    const { patch, problem } = switchMode(draft, mode);
    update(patch);
    setModeNote(problem);
  };
  const test = useTestConnectionMutation();
  const save = useSaveConnectionMutation();
  const open = useOpenConnectionMutation();
  const busy = test.isPending || save.isPending || open.isPending;

  const invalid = (f: DraftField) =>
    (outcome.kind === 'error' && outcome.field === f) || (outcome.kind === 'local' && outcome.field === f);
  const fail = (error: unknown) => {
    const shape = asErrorShape(error);
    setOutcome({ kind: 'error', error: shape, field: fieldForError(shape.code, draft.mode) });
  };
  const params = () => {
    const r = draftToParams(draft);
    if ('field' in r) {
      setOutcome({ kind: 'local', field: r.field, message: r.message });
      return null;
    }
    return r.params;
  };
  const displayName = () =>
    draft.name.trim() ||
    (draft.mode === 'fields'
      ? `${draft.user || 'postgres'}@${draft.host || 'localhost'}/${draft.database}`
      : 'Connection');

  const onTest = async () => {
    const p = params();
    if (!p) return;
    try {
      const r = await test.mutateAsync({ params: p });
      setOutcome({
        kind: 'tested',
        warnings: r.warnings,
        summary: (
          <>
            Connected as <b className="mono">{r.whoami.currentUser}</b> to{' '}
            <b className="mono">{r.whoami.database}</b> on PostgreSQL {r.whoami.serverVersion}.{' '}
            <WhoamiBadges whoami={r.whoami} />
          </>
        ),
      });
    } catch (e) {
      fail(e);
    }
  };
  const onSave = async () => {
    const p = params();
    if (!p) return;
    try {
      const r = await save.mutateAsync({ name: displayName(), params: p });
      setOutcome({ kind: 'saved', name: r.name });
    } catch (e) {
      fail(e);
    }
  };
  const onConnect = async () => {
    const p = params();
    if (!p) return;
    try {
      const r = await open.mutateAsync({ params: p, name: displayName() });
      setOutcome({ kind: 'idle' });
      onOpened(r.id);
    } catch (e) {
      fail(e);
    }
  };

  const text = (
    field: 'name' | 'host' | 'port' | 'database' | 'user' | 'password' | 'uri',
    label: string,
    extra: { placeholder?: string; type?: string; mono?: boolean; autoComplete?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={`conn-${field}`}>{label}</label>
      <input
        id={`conn-${field}`}
        className={`input${extra.mono ? ' mono' : ''}`}
        type={extra.type ?? 'text'}
        value={draft[field]}
        placeholder={extra.placeholder}
        autoComplete={extra.autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={invalid(field) || undefined}
        onChange={(e) => update({ [field]: e.target.value })}
      />
      {outcome.kind === 'local' && outcome.field === field && (
        <div className="field-error">{outcome.message}</div>
      )}
    </div>
  );

  return (
    <form
      className="card"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault();
        void onConnect();
      }}
    >
      <div className="card-head">
        <h2>New connection</h2>
        <p>
          Connect as the role that owns your API schema. Passwords are never written to disk in plain text.
        </p>
      </div>
      <div className="card-body">
        {text('name', 'Name', { placeholder: 'My project (local)' })}
        <div className="segmented" role="group" aria-label="Connection input">
          <button type="button" aria-pressed={draft.mode === 'fields'} onClick={() => toMode('fields')}>
            Fields
          </button>
          <button type="button" aria-pressed={draft.mode === 'uri'} onClick={() => toMode('uri')}>
            URI
          </button>
        </div>
        {draft.mode === 'uri' ? (
          <>
            {text('uri', 'Connection URI', { placeholder: 'postgres://user@host:5432/dbname', mono: true })}
            {text('password', 'Password (if not in the URI or ~/.pgpass)', {
              type: 'password',
              autoComplete: 'new-password',
            })}
          </>
        ) : (
          <>
            {modeNote && (
              <div className="callout warn" role="status" aria-label="URI not copied">
                <div>
                  <div className="title">The URI was not copied into the fields</div>
                  <div className="hint">{modeNote}</div>
                </div>
              </div>
            )}
            <div className="row">
              {text('host', 'Host', { placeholder: 'localhost', mono: true })}
              {text('port', 'Port', { placeholder: '5432', mono: true })}
            </div>
            <div className="row even">
              {text('database', 'Database', { placeholder: 'postgres', mono: true })}
              {text('user', 'User', { placeholder: 'postgres', mono: true })}
            </div>
            <div className="row">
              {text('password', 'Password', { type: 'password', autoComplete: 'new-password' })}
              <div className="field">
                <label htmlFor="conn-sslmode">SSL mode</label>
                <select
                  id="conn-sslmode"
                  className="select"
                  value={draft.sslmode}
                  aria-invalid={invalid('sslmode') || undefined}
                  onChange={(e) => update({ sslmode: e.target.value as ConnectionDraft['sslmode'] })}
                >
                  <option value="">default</option>
                  {sslModeSchema.options.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </>
        )}
        {outcome.kind === 'error' && <ErrorCallout error={outcome.error} />}
        {outcome.kind === 'tested' && (
          <div className={`callout ${outcome.warnings.length > 0 ? 'warn' : 'ok'}`} role="status">
            <div>
              <div>{outcome.summary}</div>
              {outcome.warnings.map((w) => (
                <div key={w} className="hint">
                  ⚠ {w}
                </div>
              ))}
            </div>
          </div>
        )}
        {outcome.kind === 'saved' && (
          <div className="callout ok" role="status">
            Saved “{outcome.name}”.
          </div>
        )}
      </div>
      <div className="card-foot">
        <button type="button" className="btn" disabled={busy} onClick={() => void onTest()}>
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void onSave()}>
          Save
        </button>
        <button type="submit" className="btn primary" disabled={busy}>
          {open.isPending ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
