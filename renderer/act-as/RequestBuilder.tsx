import { useMemo, useState } from 'react';
import { Running } from './Running.js';
import { parseLocated } from './json-locate.js';
import { LazyEditor } from './LazyEditor.js';
import type { PathProblem } from './path-check.js';
import type { PathCompleter } from './path-completion.js';
import { PathInput } from './PathInput.js';
import { joinPath, splitPath } from './query-params.js';

export interface Draft {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export const METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'] as const;
const PREFER_PRESETS = [
  'return=representation',
  'return=minimal',
  'return=headers-only',
  'count=exact',
  'count=planned',
  'count=estimated',
  'resolution=merge-duplicates',
  'resolution=ignore-duplicates',
  'missing=default',
  'handling=strict',
  'params=single-object',
];
const ACCEPT_PRESETS = [
  'application/json',
  'application/vnd.pgrst.object+json',
  'text/csv',
  'application/geo+json',
];

export const hasBody = (method: string) => method === 'POST' || method === 'PATCH' || method === 'PUT';

/** Why the body cannot be sent (invalid JSON for a JSON request), placed at the mistake. */
export function bodyProblem(d: Draft): { offset: number; message: string } | null {
  if (!hasBody(d.method) || d.body.trim() === '') return null;
  const ct = d.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
  if (!ct.toLowerCase().includes('json')) return null;
  const p = parseLocated(d.body);
  return p.ok ? null : { offset: p.error.offset, message: p.error.message };
}

export function RequestBuilder({
  draft,
  onChange,
  completer,
  problems,
  onSend,
  sending,
  onCancel,
  commit,
  onCommit,
  sendLabel = 'Send',
  blocked,
  schema,
}: {
  draft: Draft;
  onChange: (d: Draft) => void;
  completer: PathCompleter | null;
  problems: readonly PathProblem[];
  onSend: () => void;
  sending: boolean;
  onCancel: () => void;
  commit: boolean;
  onCommit: (c: boolean) => void;
  sendLabel?: string;
  /** Why sending is blocked (shown beside the button). */
  blocked: string | null;
  schema?: string;
}) {
  const { base, params } = useMemo(() => splitPath(draft.path), [draft.path]);
  const setParams = (next: [string, string][]) => onChange({ ...draft, path: joinPath(base, next) });
  const setHeaders = (headers: (readonly [string, string])[]) => onChange({ ...draft, headers });
  const addPreset = (name: string, value: string) => {
    const i = draft.headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (i < 0) return setHeaders([...draft.headers, [name, value]]);
    const current = draft.headers[i]![1];
    const merged = name === 'Prefer' && current !== '' ? `${current}, ${value}` : value;
    setHeaders(draft.headers.map((h, j) => (j === i ? ([h[0], merged] as const) : h)));
  };
  const body = bodyProblem(draft);
  return (
    <div className="aa-builder">
      <div className="aa-request-line">
        <select
          className="select aa-method"
          aria-label="Method"
          value={draft.method}
          onChange={(e) => onChange({ ...draft, method: e.target.value })}
        >
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <PathInput
          value={draft.path}
          onChange={(path) => onChange({ ...draft, path })}
          completer={completer}
          problems={problems}
          onSubmit={onSend}
          {...(schema ? { schema } : {})}
        />
        <label
          className={`aa-commit${commit ? ' on' : ''}`}
          title="Off: the transaction is rolled back. On: you will be asked to confirm."
        >
          <input type="checkbox" checked={commit} onChange={(e) => onCommit(e.target.checked)} /> Commit
        </label>
        {sending ? (
          <>
            <Running label="Request running" />
            <button className="btn danger" onClick={onCancel}>
              Cancel
            </button>
          </>
        ) : (
          <button
            className="btn primary"
            onClick={onSend}
            disabled={blocked !== null}
            title={blocked ?? 'Ctrl/Cmd+Enter'}
          >
            {sendLabel}
          </button>
        )}
      </div>
      {blocked && (
        <div className="aa-inline-error" role="status">
          {blocked}
        </div>
      )}
      <details className="aa-section" open={params.length > 0}>
        <summary>Query parameters ({params.length})</summary>
        <PairsEditor
          pairs={params}
          onChange={setParams}
          keyLabel="Parameter"
          valueLabel="Value"
          addLabel="Add parameter"
        />
      </details>
      <details className="aa-section" open={draft.headers.length > 0}>
        <summary>Headers ({draft.headers.length})</summary>
        <PairsEditor
          pairs={draft.headers.map(([k, v]) => [k, v] as [string, string])}
          onChange={setHeaders}
          keyLabel="Header"
          valueLabel="Value"
          addLabel="Add header"
        />
        <div className="aa-presets">
          <select
            className="select"
            aria-label="Prefer presets"
            value=""
            onChange={(e) => e.target.value && addPreset('Prefer', e.target.value)}
          >
            <option value="">Prefer…</option>
            {PREFER_PRESETS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <select
            className="select"
            aria-label="Accept presets"
            value=""
            onChange={(e) => e.target.value && addPreset('Accept', e.target.value)}
          >
            <option value="">Accept…</option>
            {ACCEPT_PRESETS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
      </details>
      {hasBody(draft.method) && (
        <div className="aa-section">
          <div className="aa-label">Body</div>
          <LazyEditor
            language="json"
            path="request/body.json"
            value={draft.body}
            onChange={(b) => onChange({ ...draft, body: b })}
            height={120}
            ariaLabel="Request body"
            onSubmit={onSend}
            markers={
              body ? [{ offset: body.offset, length: 1, message: body.message, severity: 'error' }] : []
            }
          />
          {body && (
            <div className="aa-inline-error" role="alert">
              Body: {body.message}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function PairsEditor({
  pairs,
  onChange,
  keyLabel,
  valueLabel,
  addLabel,
}: {
  pairs: [string, string][];
  onChange: (p: [string, string][]) => void;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
}) {
  // Rows added but not typed in yet live here: an empty pair has no place in a URL.
  const [blank, setBlank] = useState(0);
  const row = (k: string, v: string, i: number, isBlank: boolean) => (
    <div className="aa-pair" key={i}>
      <input
        className="input mono"
        aria-label={`${keyLabel} ${i + 1}`}
        value={k}
        autoFocus={isBlank}
        onChange={(e) => {
          if (isBlank) {
            setBlank((b) => b - 1);
            onChange([...pairs, [e.target.value, '']]);
          } else onChange(pairs.map((p, j) => (j === i ? [e.target.value, p[1]] : p)));
        }}
      />
      <input
        className="input mono"
        aria-label={`${valueLabel} ${i + 1}`}
        value={v}
        disabled={isBlank}
        onChange={(e) => onChange(pairs.map((p, j) => (j === i ? [p[0], e.target.value] : p)))}
      />
      <button
        className="btn ghost small"
        aria-label={`Remove ${keyLabel.toLowerCase()} ${i + 1}`}
        onClick={() => (isBlank ? setBlank((b) => b - 1) : onChange(pairs.filter((_, j) => j !== i)))}
      >
        ✕
      </button>
    </div>
  );
  return (
    <div className="aa-pairs">
      {pairs.map(([k, v], i) => row(k, v, i, false))}
      {Array.from({ length: blank }, (_, b) => row('', '', pairs.length + b, true))}
      <button className="btn ghost small" onClick={() => setBlank((b) => b + 1)}>
        + {addLabel}
      </button>
    </div>
  );
}
