import './changeset.css';

/** The top bar's way into the change set: how many statements wait, on every panel. */
export function ChangeSetButton({ count, onOpen }: { count: number; onOpen(): void }) {
  return (
    <button
      className="btn ghost small cs-topbar"
      data-pending={count > 0}
      onClick={onOpen}
      aria-label={`Change set: ${count} pending`}
      title="Review and apply pending changes (C)"
    >
      Changes <span className="cs-count">{count}</span>
    </button>
  );
}
