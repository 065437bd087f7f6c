import type { DiffSide } from '../../shared/contract/diff.js';

export type SideKind = DiffSide['kind'];

/** What the picker holds while the user edits it (a path is kept when they switch kinds and back). */
export interface SideDraft {
  readonly kind: SideKind;
  readonly connectionId: string;
  readonly path: string;
}

const KINDS: readonly { kind: SideKind; label: string; placeholder: string }[] = [
  { kind: 'connection', label: 'Connection', placeholder: '' },
  { kind: 'folder', label: 'Folder of .sql', placeholder: '/home/me/project/migrations' },
  { kind: 'sql-file', label: '.sql file', placeholder: '/home/me/project/schema.sql' },
  { kind: 'snapshot', label: 'Snapshot', placeholder: '/home/me/project/schema.snapshot.json' },
];

export function sideOf(d: SideDraft): DiffSide {
  return d.kind === 'connection'
    ? { kind: 'connection', connectionId: d.connectionId }
    : { kind: d.kind, path: d.path.trim() };
}

/** A problem the user can fix before asking the host (the host checks again). */
export function sideProblem(d: SideDraft): string | null {
  if (d.kind === 'connection') return d.connectionId === '' ? 'Pick a connection.' : null;
  const p = d.path.trim();
  if (p === '') return 'Give a path.';
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p))
    return 'The path must be absolute: the studio reads it on its own machine.';
  return null;
}

/** One side of the comparison: a kind, then an open connection or a path on the studio's machine. */
export function SidePicker({
  label,
  draft,
  onChange,
  connections,
}: {
  label: string;
  draft: SideDraft;
  onChange: (d: SideDraft) => void;
  connections: readonly { id: string; name: string }[];
}) {
  const kind = KINDS.find((k) => k.kind === draft.kind)!;
  const problem = draft.kind === 'connection' || draft.path !== '' ? sideProblem(draft) : null;
  return (
    <fieldset className="diff-side" aria-label={label}>
      <legend>{label}</legend>
      <select
        aria-label={`${label} kind`}
        value={draft.kind}
        onChange={(e) => onChange({ ...draft, kind: e.target.value as SideKind })}
      >
        {KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {draft.kind === 'connection' ? (
        <select
          aria-label={`${label} connection`}
          value={draft.connectionId}
          onChange={(e) => onChange({ ...draft, connectionId: e.target.value })}
        >
          {connections.length === 0 && <option value="">No open connection</option>}
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <input
          className="diff-path"
          aria-label={`${label} path`}
          aria-invalid={problem !== null}
          placeholder={kind.placeholder}
          spellCheck={false}
          value={draft.path}
          onChange={(e) => onChange({ ...draft, path: e.target.value })}
        />
      )}
      {problem !== null && (
        <span className="diff-side-problem" role="alert">
          {problem}
        </span>
      )}
    </fieldset>
  );
}
