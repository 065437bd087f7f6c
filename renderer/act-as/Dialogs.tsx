import { useEffect, useRef, useState } from 'react';
import { maskSecrets } from './config-secrets.js';
import { settingLine } from './config-setting.js';
import { asErrorShape } from '../client/index.js';
import { Dialog } from '../shell/Dialog.js';
import { POSTGREST_VERSIONS, type PostgrestVersion } from './api-model.js';
import { useActAsConfig, useSetActAsConfig } from './queries.js';

/** Asks before a run is committed: what runs, as whom, on which database. */
export function CommitDialog({
  what,
  persona,
  onAnswer,
}: {
  what: string;
  persona: string;
  onAnswer: (ok: boolean) => void;
}) {
  return (
    <Dialog title="Commit this run?" onClose={() => onAnswer(false)}>
      <div className="aa-dialog-body">
        <p>
          Run {what} as <b>{persona}</b> and <b>commit</b> it: its writes stay in the database. Without
          commit, every run is rolled back.
        </p>
        <div className="aa-dialog-actions">
          <button className="btn" onClick={() => onAnswer(false)}>
            Keep it rolled back
          </button>
          <button className="btn danger" autoFocus onClick={() => onAnswer(true)}>
            Commit
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * The PostgREST configuration act-as follows for this connection (postgrest.conf syntax). `setting` (a link from
 * the advisor) selects the line that sets it, or says it is not set.
 */
export function ConfigDialog({
  connectionId,
  onClose,
  setting = null,
}: {
  connectionId: string;
  onClose: () => void;
  setting?: string | null;
}) {
  const config = useActAsConfig(connectionId);
  const set = useSetActAsConfig(connectionId);
  const [text, setText] = useState<string | null>(null);
  const [version, setVersion] = useState<PostgrestVersion | null>(null);
  const value = text ?? config.data?.text ?? '';
  const chosen = version ?? config.data?.postgrestVersion ?? 16;
  // The stored text is shown with its secrets masked until revealed; what the user types is shown as typed.
  const [reveal, setReveal] = useState(false);
  const masked = text === null && !reveal ? maskSecrets(value) : null;
  const area = useRef<HTMLTextAreaElement>(null);
  const shown = masked ?? value;
  const line = setting === null ? null : settingLine(shown, setting);
  const loaded = config.data !== undefined;
  useEffect(() => {
    if (!loaded || line === null || !area.current) return;
    area.current.focus();
    area.current.setSelectionRange(line.start, line.end);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the text is there, for the linked setting
  }, [loaded, setting]);
  return (
    <Dialog title="PostgREST configuration" onClose={onClose}>
      <div className="aa-dialog-body">
        <p className="aa-muted">
          postgrest.conf as the server you simulate uses it: db-schemas, db-anon-role, jwt-secret, db-uri
          (with the authenticator's password to switch roles like PostgREST does)…
        </p>
        <label className="aa-field">
          <span>Answer as PostgREST</span>
          <select
            aria-label="PostgREST version"
            value={chosen}
            onChange={(e) => setVersion(Number(e.target.value) as PostgrestVersion)}
          >
            {POSTGREST_VERSIONS.map((v) => (
              <option key={v} value={v}>
                {v}
                {v === 16 ? ' (newest)' : ''}
              </option>
            ))}
          </select>
        </label>
        {(masked !== null || reveal) && (
          <label className="aa-label">
            <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Reveal
            secrets (jwt-secret, passwords) to see or edit them
          </label>
        )}
        {setting !== null && loaded && line === null && (
          <p className="aa-muted" role="note">
            <code>{setting}</code> is not set here: PostgREST's default applies. Add a line{' '}
            <code>{setting} = …</code>.
          </p>
        )}
        <textarea
          ref={area}
          className="aa-textarea mono"
          rows={12}
          aria-label="postgrest.conf"
          value={shown}
          readOnly={masked !== null}
          placeholder={'db-schemas = "api"\ndb-anon-role = "anon"\njwt-secret = "…"'}
          onChange={(e) => setText(e.target.value)}
        />
        {config.data?.problem && (
          <div className="aa-inline-error" role="alert" aria-label="Configuration problem">
            {config.data.problem}
          </div>
        )}
        {set.error && (
          <div className="aa-inline-error">
            {asErrorShape(set.error).message} {asErrorShape(set.error).hint}
          </div>
        )}
        {config.data?.effective && (
          <details>
            <summary className="aa-muted">Effective settings</summary>
            <pre className="aa-pre">{JSON.stringify(config.data.effective, null, 2)}</pre>
          </details>
        )}
        <div className="aa-dialog-actions">
          <button className="btn" onClick={onClose}>
            Close
          </button>
          <button
            className="btn primary"
            disabled={set.isPending}
            onClick={() => set.mutate({ text: value, postgrestVersion: chosen }, { onSuccess: onClose })}
          >
            Apply
          </button>
        </div>
      </div>
    </Dialog>
  );
}
