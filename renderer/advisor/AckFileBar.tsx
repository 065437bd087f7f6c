import { useState } from 'react';

export interface AckFileBarProps {
  /** The file the last run used, or null (none: acknowledging is not possible). */
  readonly inUse: string | null;
  /** The path the user chose for this connection, or null (the host's default, beside postgrest.conf). */
  readonly chosen: string | null;
  readonly onChoose: (file: string | null) => void;
}

/** Which acknowledgements file the advisor reads and writes, and a way to name one (a pasted config has none). */
export function AckFileBar({ inUse, chosen, onChoose }: AckFileBarProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="adv-ackfile" role="group" aria-label="Acknowledgements file">
      <span className="muted">Acknowledgements</span>{' '}
      {inUse !== null ? (
        <code
          title={`${inUse} — the file the team commits; an acknowledgement lapses when its object changes`}
        >
          {inUse}
        </code>
      ) : (
        <i className="muted">no file — name one to acknowledge findings</i>
      )}
      {draft === null ? (
        <>
          <button type="button" className="btn ghost small" onClick={() => setDraft(chosen ?? inUse ?? '')}>
            {inUse === null ? 'Choose file…' : 'Change…'}
          </button>
          {chosen !== null && (
            <button type="button" className="btn ghost small" onClick={() => onChoose(null)}>
              Use the default
            </button>
          )}
        </>
      ) : (
        <form
          className="adv-ackfile-form"
          onSubmit={(e) => {
            e.preventDefault();
            onChoose(draft.trim() === '' ? null : draft.trim());
            setDraft(null);
          }}
        >
          <input
            className="input"
            aria-label="Acknowledgements file path"
            placeholder="/path/to/api/gatehouse-advisor.json"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoFocus
          />
          <button type="submit" className="btn small">
            Use
          </button>
          <button type="button" className="btn ghost small" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
