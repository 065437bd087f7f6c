import { useState } from 'react';

/** A cell being edited: Enter keeps the value, Escape drops it, the NULL button sets NULL. */
export function CellInput({
  initial,
  onDone,
}: {
  initial: string | null;
  onDone: (value: string | null | undefined) => void;
}) {
  const [text, setText] = useState(initial ?? '');
  return (
    <span style={{ display: 'flex', gap: 2 }}>
      <input
        autoFocus
        aria-label="Cell value"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onDone(text);
          if (e.key === 'Escape') onDone(undefined);
        }}
        onBlur={() => onDone(text)}
      />
      <button
        className="btn small"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onDone(null)}
        title="Set NULL"
      >
        NULL
      </button>
    </span>
  );
}
