/** The close control of dialogs and drawers: a cross, with the key that does the same beside it. */
export function CloseButton({ onClose, label }: { onClose: () => void; label: string }) {
  return (
    <button
      className="btn ghost small close-btn"
      onClick={onClose}
      aria-label={label}
      title={`${label} (Esc)`}
    >
      <span className="close-x" aria-hidden>
        ×
      </span>
      <kbd className="kbd" aria-hidden>
        Esc
      </kbd>
    </button>
  );
}
