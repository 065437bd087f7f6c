import { useEffect, useMemo, useRef, useState } from 'react';
import type { PathProblem } from './path-check.js';
import type { Completion, PathCompleter } from './path-completion.js';

export interface PathInputProps {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly completer: PathCompleter | null;
  readonly problems: readonly PathProblem[];
  readonly onSubmit: () => void;
  readonly schema?: string;
}

const KIND_MARK: Record<string, string> = {
  relation: 'T',
  rpc: 'ƒ',
  column: 'c',
  operator: 'op',
  embed: '⤷',
  hint: '!',
  keyword: 'k',
  value: 'v',
};

/**
 * The request path with completion from the catalog: a plain input (fast on huge catalogs) and a list under it.
 * ↑/↓ choose, Enter/Tab accept, Esc closes, Ctrl/Cmd+Enter sends.
 */
export function PathInput({ value, onChange, completer, problems, onSubmit, schema }: PathInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const pendingCursor = useRef<number | null>(null);

  const completion: Completion | null = useMemo(
    () => (open && completer && cursor !== null ? completer.complete(value, cursor, schema) : null),
    [open, completer, cursor, value, schema],
  );
  const items = completion?.items ?? [];

  useEffect(() => {
    if (pendingCursor.current !== null && input.current) {
      input.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = null;
    }
  }, [value]);

  const sync = () => {
    const el = input.current;
    if (el) setCursor(el.selectionStart ?? el.value.length);
  };

  const accept = (index: number) => {
    const item = items[index];
    if (!item || !completion) return;
    const next = value.slice(0, completion.from) + item.insert + value.slice(completion.to);
    const at = completion.from + item.insert.length;
    pendingCursor.current = at;
    onChange(next);
    setCursor(at);
    setActive(0);
    setOpen(/[=(.!/]$/.test(item.insert));
  };

  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <div className="aa-path">
      <input
        ref={input}
        className="input mono aa-path-input"
        aria-label="Request path"
        aria-invalid={errors.length > 0}
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls="aa-path-list"
        spellCheck={false}
        value={value}
        placeholder="/orders?select=*"
        onChange={(e) => {
          onChange(e.target.value);
          setCursor(e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') sync();
        }}
        onClick={sync}
        onFocus={() => {
          sync();
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            setOpen(false);
            onSubmit();
            return;
          }
          if (e.key === ' ' && e.ctrlKey) {
            e.preventDefault();
            sync();
            setOpen(true);
            return;
          }
          if (items.length === 0) {
            if (e.key === 'Enter') {
              e.preventDefault();
              onSubmit();
            }
            return;
          }
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => (a + 1) % items.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a - 1 + items.length) % items.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            accept(active);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {items.length > 0 && (
        <ul className="aa-complete" id="aa-path-list" role="listbox" aria-label="Path completions">
          {items.slice(0, 50).map((it, i) => (
            <li
              key={`${it.kind}:${it.label}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(i);
              }}
              ref={i === active ? (el) => el?.scrollIntoView?.({ block: 'nearest' }) : undefined}
            >
              <span className={`aa-kind aa-kind-${it.kind}`}>{KIND_MARK[it.kind]}</span>
              <span className="mono">{it.label}</span>
              <span className="aa-detail">{it.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul className="aa-problems" role="alert" aria-label="Path problems">
          {problems.map((p, i) => (
            <li key={i} className={p.severity}>
              <code className="aa-excerpt">
                {value.slice(Math.max(0, p.offset - 12), p.offset)}
                <mark>{value.slice(p.offset, p.offset + p.length) || ' '}</mark>
                {value.slice(p.offset + p.length, p.offset + p.length + 12)}
              </code>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
