import { useState } from 'react';
import type { Unwritable } from '../../shared/diff/migration.js';
import type { DiffReview, ReviewItem } from '../../shared/diff/review.js';
import { refKey, refLabel } from '../../shared/model/catalog.js';

const SIGN = { gain: '▲', loss: '▼', change: '◆' } as const;
const SHOWN = 6;

/**
 * What changes for whom, before the SQL: each request role's gains and losses, most dangerous first. Clicking a
 * sentence shows the change behind it in the tree.
 */
export function ReviewSection({
  review,
  unwritable = [],
  onOpen,
}: {
  review: DiffReview;
  /** Objects the migration does not write: what the review says of them does not happen through it. */
  unwritable?: readonly Unwritable[];
  onOpen: (item: ReviewItem) => void;
}) {
  const notWritten = new Set(unwritable.map((u) => refKey(u.object)));
  const [role, setRole] = useState<string>('');
  const [all, setAll] = useState(false);
  const items = role === '' ? review.items : review.items.filter((i) => i.role === role);
  const shown = all ? items : items.slice(0, SHOWN);
  const gains = review.items.filter((i) => i.direction === 'gain').length;
  const losses = review.items.filter((i) => i.direction === 'loss').length;
  return (
    <section className="diff-review" aria-label="What changes for whom">
      <header className="diff-review-head">
        <h3>What changes for whom</h3>
        <span className="muted">
          {review.items.length === 0
            ? 'No request role gains or loses anything.'
            : `${gains} gains · ${losses} losses · ${review.items.length - gains - losses} changes`}
        </span>
        <span className="muted diff-review-config" title={review.assumptions.join('\n')}>
          db-schemas {review.config.schemas.join(', ')} · anon {review.config.anonRole ?? 'none'} ·
          authenticator {review.authenticator.after ?? review.authenticator.before ?? '?'}
        </span>
        {review.roles.length > 1 && (
          <select aria-label="Review role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">All roles</option>
            {review.roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.role} ({r.items.length})
              </option>
            ))}
          </select>
        )}
      </header>
      {unwritable.length > 0 && (
        <p className="callout warn" role="note" aria-label="Not written by the migration">
          Not written by the migration: {unwritable.map((u) => refLabel(u.object)).join(', ')}. What the
          target gives a role through them does not happen by applying it.
        </p>
      )}
      {items.length > 0 && (
        <ol className="diff-review-list">
          {shown.map((i) => (
            <li
              key={`${i.role}\0${i.sentence}`}
              className={`diff-review-item ${i.direction}${i.rank <= 1 ? ' anon' : ''}`}
            >
              <button type="button" onClick={() => onOpen(i)} title="Show the change behind it">
                <span className="diff-review-sign" aria-hidden>
                  {SIGN[i.direction]}
                </span>
                <span className="diff-review-sentence">{i.sentence}</span>
                {notWritten.has(refKey(i.object)) && <span className="hazard-chip">not written</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {items.length > SHOWN && (
        <button type="button" className="btn small ghost" onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      )}
    </section>
  );
}
