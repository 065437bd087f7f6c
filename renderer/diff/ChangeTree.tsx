import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Change } from '../../shared/diff/migration.js';
import {
  changeLabel,
  changeTree,
  toneOf,
  visibleOrder,
  type ChangeTone,
  type ToneCounts,
} from './change-tree.js';

const TONE_SIGN: Record<ChangeTone, string> = { added: '+', removed: '−', changed: '~' };
const TONE_WORD: Record<ChangeTone, string> = { added: 'added', removed: 'removed', changed: 'changed' };

function Counts({ counts }: { counts: ToneCounts }) {
  return (
    <span className="diff-counts">
      {(['added', 'removed', 'changed'] as const).map((t) =>
        counts[t] === 0 ? null : (
          <span key={t} className={`diff-count ${t}`} title={`${counts[t]} ${TONE_WORD[t]}`}>
            {TONE_SIGN[t]}
            {counts[t]}
          </span>
        ),
      )}
    </span>
  );
}

/**
 * The differences by schema and kind, each with its tick. ↑/↓ move, Space ticks in or out, Enter shows the
 * object; a change left out because of another says so on hover and in the detail.
 */
export function ChangeTree({
  changes,
  selected,
  onSelect,
  isIn,
  reasonOut,
  onTick,
  busy,
}: {
  changes: readonly Change[];
  selected: string | null;
  onSelect: (id: string) => void;
  isIn: (id: string) => boolean;
  reasonOut: (id: string) => string | null;
  onTick: (id: string, tickIn: boolean) => void;
  busy: boolean;
}) {
  const [tones, setTones] = useState<ReadonlySet<ChangeTone>>(new Set(['added', 'removed', 'changed']));
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const tree = useMemo(() => changeTree(changes, tones), [changes, tones]);
  const order = useMemo(() => visibleOrder(tree, collapsed), [tree, collapsed]);
  const toggle = (key: string) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });
  const onKey = (e: KeyboardEvent) => {
    if (order.length === 0) return;
    const i = order.findIndex((c) => c.id === selected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(order.length - 1, i + 1) : Math.max(0, i - 1);
      const c = order[next === -1 ? 0 : next]!;
      onSelect(c.id);
      document.getElementById(`diff-change-${c.id}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === ' ' && selected !== null && !busy) {
      e.preventDefault();
      onTick(selected, !isIn(selected));
    }
  };
  return (
    <div className="diff-tree-wrap">
      <div className="diff-tone-filter" role="group" aria-label="Show">
        {(['added', 'removed', 'changed'] as const).map((t) => (
          <button
            key={t}
            type="button"
            className={`diff-tone ${t}`}
            aria-pressed={tones.has(t)}
            onClick={() =>
              setTones((s) => {
                const n = new Set(s);
                if (n.has(t)) n.delete(t);
                else n.add(t);
                return n;
              })
            }
          >
            {TONE_SIGN[t]} {TONE_WORD[t]}
          </button>
        ))}
      </div>
      <ul className="diff-tree" role="tree" aria-label="Differences" tabIndex={0} onKeyDown={onKey}>
        {tree.length === 0 && <li className="muted diff-tree-empty">Nothing to show with these filters.</li>}
        {tree.map((s) => (
          <li key={s.key} role="treeitem" aria-expanded={!collapsed.has(s.key)} aria-label={s.label}>
            <button type="button" className="diff-group schema" onClick={() => toggle(s.key)} tabIndex={-1}>
              <span className={`chev${collapsed.has(s.key) ? '' : ' open'}`} aria-hidden>
                ▸
              </span>
              <span className="kind-icon kind-schema" aria-hidden>
                S
              </span>
              <span className="diff-group-label">{s.label}</span>
              <Counts counts={s.counts} />
            </button>
            {!collapsed.has(s.key) && (
              <ul role="group">
                {s.kinds.map((k) => (
                  <li
                    key={k.key}
                    role="treeitem"
                    aria-expanded={!collapsed.has(k.key)}
                    aria-label={`${s.label} ${k.label}`}
                  >
                    <button
                      type="button"
                      className="diff-group kind"
                      onClick={() => toggle(k.key)}
                      tabIndex={-1}
                    >
                      <span className={`chev${collapsed.has(k.key) ? '' : ' open'}`} aria-hidden>
                        ▸
                      </span>
                      <span className="diff-group-label">{k.label}</span>
                      <Counts counts={k.counts} />
                    </button>
                    {!collapsed.has(k.key) && (
                      <ul role="group">
                        {k.changes.map((c) => {
                          const tone = toneOf(c);
                          const on = isIn(c.id);
                          const why = reasonOut(c.id);
                          return (
                            <li
                              key={c.id}
                              id={`diff-change-${c.id}`}
                              role="treeitem"
                              aria-selected={selected === c.id}
                              aria-label={c.summary}
                              className={`diff-change${selected === c.id ? ' selected' : ''}${on ? '' : ' out'}`}
                              onClick={() => onSelect(c.id)}
                              title={why ?? c.summary}
                            >
                              <input
                                type="checkbox"
                                aria-label={`Include ${c.summary}`}
                                checked={on}
                                disabled={busy}
                                tabIndex={-1}
                                onClick={(e) => e.stopPropagation()}
                                onChange={(e) => onTick(c.id, e.target.checked)}
                              />
                              <span className={`diff-sign ${tone}`} aria-label={TONE_WORD[tone]}>
                                {TONE_SIGN[tone]}
                              </span>
                              <span className="diff-change-label">{changeLabel(c)}</span>
                              {c.because !== null && (
                                <span className="diff-dependant" title={c.because}>
                                  dependant
                                </span>
                              )}
                              {!on && why !== null && why !== 'Ticked out' && (
                                <span className="diff-follows" title={why}>
                                  follows
                                </span>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
