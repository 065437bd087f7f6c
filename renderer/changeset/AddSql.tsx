import { useState } from 'react';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { useChangeSetMutations } from './queries.js';

/** Hand-written statements join the set like any panel's (a text with several is split by the host's parser). */
export function AddSql({ connectionId, onAdded }: { connectionId: string; onAdded?(): void }) {
  const { add } = useChangeSetMutations(connectionId);
  const [open, setOpen] = useState(false);
  const [sql, setSql] = useState('');
  if (!open)
    return (
      <button className="btn small" onClick={() => setOpen(true)}>
        + Add SQL
      </button>
    );
  const submit = () =>
    add.mutate([{ sql, origin: { panel: 'changeset', object: '', action: 'hand-written SQL' } }], {
      onSuccess: () => {
        setSql('');
        setOpen(false);
        onAdded?.();
      },
    });
  return (
    <form
      className="cs-add"
      aria-label="Add SQL to the change set"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        className="input mono cs-add-text"
        aria-label="SQL to add"
        placeholder="ALTER TABLE api.orders ADD COLUMN note text;"
        value={sql}
        autoFocus
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      {add.error && <ErrorCallout error={asErrorShape(add.error)} />}
      <div className="cs-actions">
        <button className="btn primary small" type="submit" disabled={sql.trim() === '' || add.isPending}>
          Add to change set
        </button>
        <button
          className="btn small"
          type="button"
          onClick={() => {
            setOpen(false);
            add.reset();
          }}
        >
          Cancel
        </button>
        <span className="cs-muted">Ctrl/⌘ Enter</span>
      </div>
    </form>
  );
}
