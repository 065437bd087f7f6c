import type { RenameCandidate } from '../../shared/diff/migration.js';
import { refLabel } from '../../shared/model/catalog.js';

export const renameKey = (c: RenameCandidate): string => `${refLabel(c.from)}\0${refLabel(c.to)}`;

/** Renames the engine suspects: offered, carried out only when confirmed (else a drop and an add). */
export function RenameCandidates({
  candidates,
  accepted,
  onChange,
}: {
  candidates: readonly RenameCandidate[];
  accepted: ReadonlySet<string>;
  onChange: (a: ReadonlySet<string>) => void;
}) {
  return (
    <section className="diff-renames" aria-label="Rename candidates">
      <span className="muted">Renames to confirm (otherwise dropped and added):</span>
      {candidates.map((c) => {
        const key = renameKey(c);
        return (
          <label key={key} className="diff-check">
            <input
              type="checkbox"
              checked={accepted.has(key)}
              onChange={(e) => {
                const n = new Set(accepted);
                if (e.target.checked) n.add(key);
                else n.delete(key);
                onChange(n);
              }}
            />
            {refLabel(c.from)} → {refLabel(c.to)}{' '}
            <span className="muted">({Math.round(c.similarity * 100)}% alike)</span>
          </label>
        );
      })}
    </section>
  );
}
