import { useEffect, useMemo, useState } from 'react';
import type { MatrixCell, RlsOverview } from '../../shared/contract/rls.js';
import { asErrorShape } from '../client/index.js';
import { useChangeSetQuery } from '../changeset/queries.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import { matrixPersonas, policyTemplates } from './personas.js';
import {
  useExpressionCheck,
  useMatrix,
  useOverview,
  useQueueRlsChange,
  useSavedPersonas,
  useWhyRow,
} from './queries.js';
import './rls.css';

type Rel = RlsOverview['relations'][number];
const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;

export default function RlsPanel({ connectionId }: PanelProps) {
  const overview = useOverview(connectionId);
  const [selected, setSelected] = useState<string | null>(null);
  if (overview.isPending) return <Loading label="Reading policies…" />;
  if (overview.isError) return <ErrorCallout error={asErrorShape(overview.error)} />;
  const rels = [...overview.data.relations].sort(
    (a, b) => Number(b.exposed) - Number(a.exposed) || label(a).localeCompare(label(b)),
  );
  const current = rels.find((r) => label(r) === selected) ?? null;
  return (
    <div className="rls">
      <section className="rls-overview" aria-label="RLS overview">
        <h2>Tables and views</h2>
        <ul>
          {rels.map((r) => (
            <li key={label(r)}>
              <button
                className={`rls-rel${label(r) === selected ? ' selected' : ''}`}
                onClick={() => setSelected(label(r))}
                aria-label={label(r)}
              >
                <span className="rls-name">{label(r)}</span>
                <span className={`rls-state ${r.rlsEnabled ? 'on' : 'off'}`}>
                  {r.kind === 'view'
                    ? 'view'
                    : r.rlsEnabled
                      ? r.rlsForced
                        ? 'RLS forced'
                        : 'RLS on'
                      : 'RLS off'}
                </span>
                {r.policies.length > 0 && <span className="rls-count">{r.policies.length} pol.</span>}
                {r.warnings.length > 0 && (
                  <span
                    className={`rls-warn ${r.warnings.some((w) => w.severity === 'error') ? 'error' : ''}`}
                  >
                    ⚠ {r.warnings.length}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <div className="rls-main">
        {current ? (
          <TableEditor key={label(current)} connectionId={connectionId} rel={current} />
        ) : (
          <EmptyState title="Pick a table">Its RLS state, policies and warnings show here.</EmptyState>
        )}
        <MatrixView connectionId={connectionId} />
      </div>
    </div>
  );
}

function TableEditor({ connectionId, rel }: { connectionId: string; rel: Rel }) {
  const queue = useQueueRlsChange(connectionId);
  const t = { schema: rel.schema, table: rel.name };
  const isTable = rel.kind === 'table' || rel.kind === 'partitioned_table';
  return (
    <section className="rls-table" aria-label={`Policies of ${label(rel)}`}>
      <h2>{label(rel)}</h2>
      {rel.warnings.map((w) => (
        <div
          key={w.code + (w.policy ?? '')}
          className={`callout ${w.severity === 'error' ? 'error' : 'warn'}`}
        >
          {w.message}
        </div>
      ))}
      {isTable && (
        <div className="rls-actions">
          <span>
            RLS {rel.rlsEnabled ? 'enabled' : 'disabled'}, {rel.rlsForced ? 'forced' : 'not forced'} · owner{' '}
            {rel.owner}
          </span>
          <button
            className="btn small"
            onClick={() => queue.mutate({ kind: 'rls', ...t, change: rel.rlsEnabled ? 'disable' : 'enable' })}
          >
            {rel.rlsEnabled ? 'Disable RLS' : 'Enable RLS'}
          </button>
          <button
            className="btn small"
            onClick={() => queue.mutate({ kind: 'rls', ...t, change: rel.rlsForced ? 'no_force' : 'force' })}
          >
            {rel.rlsForced ? 'Unforce' : 'Force'}
          </button>
        </div>
      )}
      <table className="rls-policies">
        <thead>
          <tr>
            <th>Policy</th>
            <th>Kind</th>
            <th>Command</th>
            <th>Roles</th>
            <th>USING</th>
            <th>WITH CHECK</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rel.policies.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.permissive ? 'permissive' : 'restrictive'}</td>
              <td>{p.command}</td>
              <td>{p.roles.join(', ')}</td>
              <td>
                <code>{p.using ?? '—'}</code>
              </td>
              <td>
                <code>{p.withCheck ?? '—'}</code>
              </td>
              <td>
                <button
                  className="btn small danger"
                  aria-label={`Drop ${p.name}`}
                  onClick={() => queue.mutate({ kind: 'drop', ...t, name: p.name })}
                >
                  Drop
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isTable && <NewPolicy connectionId={connectionId} rel={rel} />}
      {queue.isError && <ErrorCallout error={asErrorShape(queue.error)} />}
      {queue.data && <div className="rls-queued">Queued: {queue.data.sql}</div>}
    </section>
  );
}

function NewPolicy({ connectionId, rel }: { connectionId: string; rel: Rel }) {
  const queue = useQueueRlsChange(connectionId);
  const templates = policyTemplates('owner_sub', 'tenant_id');
  const [name, setName] = useState('');
  const [command, setCommand] = useState<'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'>('ALL');
  const [permissive, setPermissive] = useState(true);
  const [roles, setRoles] = useState('');
  const [using, setUsing] = useState('');
  const [check, setCheck] = useState('');
  const [usingOk, setUsingOk] = useState(true);
  const [checkOk, setCheckOk] = useState(true);
  const usesUsing = command !== 'INSERT';
  const usesCheck = command !== 'SELECT' && command !== 'DELETE';
  return (
    <form
      className="rls-new"
      aria-label="New policy"
      onSubmit={(e) => {
        e.preventDefault();
        queue.mutate({
          kind: 'create',
          schema: rel.schema,
          table: rel.name,
          name,
          permissive,
          command,
          roles: roles
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          using: usesUsing && using.trim() ? using : null,
          withCheck: usesCheck && check.trim() ? check : null,
        });
      }}
    >
      <h3>New policy</h3>
      <label>
        Template{' '}
        <select
          aria-label="Template"
          defaultValue=""
          onChange={(e) => {
            const t = templates.find((x) => x.id === e.target.value);
            if (!t) return;
            setCommand(t.command);
            setUsing(t.using ?? '');
            setCheck(t.withCheck ?? '');
            if (!name) setName(`${rel.name}_${t.id.replace('-', '_')}`);
          }}
        >
          <option value="">—</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name{' '}
        <input aria-label="Policy name" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Command{' '}
        <select
          aria-label="Command"
          value={command}
          onChange={(e) => setCommand(e.target.value as typeof command)}
        >
          {['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={!permissive} onChange={(e) => setPermissive(!e.target.checked)} />{' '}
        Restrictive
      </label>
      <label>
        Roles{' '}
        <input
          aria-label="Roles"
          placeholder="PUBLIC"
          value={roles}
          onChange={(e) => setRoles(e.target.value)}
        />
      </label>
      {usesUsing && (
        <ExpressionField
          connectionId={connectionId}
          rel={rel}
          label="USING"
          value={using}
          onChange={setUsing}
          onValidity={setUsingOk}
        />
      )}
      {usesCheck && (
        <ExpressionField
          connectionId={connectionId}
          rel={rel}
          label="WITH CHECK"
          value={check}
          onChange={setCheck}
          onValidity={setCheckOk}
        />
      )}
      <button
        className="btn primary"
        type="submit"
        disabled={!name || queue.isPending || (usesUsing && !usingOk) || (usesCheck && !checkOk)}
      >
        Add to change set
      </button>
      {queue.isError && <ErrorCallout error={asErrorShape(queue.error)} />}
    </form>
  );
}

/** Waits until typing pauses before asking the database. */
function useDebounced(value: string, ms = 250): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function ExpressionField({
  connectionId,
  rel,
  label: name,
  value,
  onChange,
  onValidity,
}: {
  connectionId: string;
  rel: Rel;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onValidity: (ok: boolean) => void;
}) {
  const settled = useDebounced(value);
  const check = useExpressionCheck(connectionId, rel.schema, rel.name, settled);
  const problems = settled === value ? (check.data?.problems ?? []) : [];
  const ok = value.trim() === '' || (settled === value && check.isSuccess && problems.length === 0);
  useEffect(() => onValidity(ok), [ok, onValidity]);
  return (
    <label className="wide">
      {name}
      <textarea
        aria-label={name}
        aria-invalid={problems.length > 0}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={2}
      />
      {problems.map((p) => (
        <span key={p.offset + p.message} className="rls-problem" role="alert" aria-label={`${name} problem`}>
          {p.source === 'syntax' ? 'Syntax' : 'PostgreSQL'} at character {p.offset + 1}: {p.message} — near “
          {value.slice(p.offset, p.offset + 12)}”
        </span>
      ))}
    </label>
  );
}

function MatrixView({ connectionId }: { connectionId: string }) {
  const saved = useSavedPersonas(connectionId);
  const pending = useChangeSetQuery(connectionId);
  const [preview, setPreview] = useState(true);
  const [picked, setPicked] = useState<MatrixCell | null>(null);
  const { personas, skipped } = useMemo(() => matrixPersonas(saved.data?.personas ?? []), [saved.data]);
  const pendingKey = (pending.data?.statements ?? []).map((s) => s.id).join(',');
  const matrix = useMatrix(connectionId, saved.isPending ? [] : personas, preview, pendingKey);
  const pendingCount = pending.data?.statements.length ?? 0;
  const cells = matrix.data?.cells ?? [];
  const relations = [...new Set(cells.map((c) => c.relation))];
  const byKey = new Map(cells.map((c) => [`${c.persona}\0${c.relation}\0${c.command}`, c]));
  return (
    <section className="rls-matrix" aria-label="Who sees what">
      <div className="rls-matrix-head">
        <h2>Who sees what</h2>
        <label>
          <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> Preview
          pending changes ({pendingCount})
        </label>
        {matrix.isFetching && <span className="spinner" aria-label="Probing" />}
      </div>
      {skipped.length > 0 && (
        <div className="callout warn">Left out (claims not a JSON object): {skipped.join(', ')}</div>
      )}
      {matrix.isError && <ErrorCallout error={asErrorShape(matrix.error)} />}
      {matrix.data && (
        <table className="rls-grid">
          <thead>
            <tr>
              <th>Relation</th>
              {personas.map((p) => (
                <th key={p.name} colSpan={4}>
                  {p.name}
                </th>
              ))}
            </tr>
            <tr>
              <th />
              {personas.flatMap((p) =>
                COMMANDS.map((c) => (
                  <th key={p.name + c} className="cmd">
                    {c[0]!.toUpperCase()}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {relations.map((r) => (
              <tr key={r}>
                <th>{r}</th>
                {personas.flatMap((p) =>
                  COMMANDS.map((c) => {
                    const cell = byKey.get(`${p.name}\0${r}\0${c}`);
                    if (!cell) return <td key={p.name + c} />;
                    return (
                      <td
                        key={p.name + c}
                        className={`cell ${cell.allowed ? 'yes' : 'no'}`}
                        title={cell.reason}
                        data-cell={`${p.name} ${r} ${c}`}
                        onClick={() => setPicked(cell)}
                      >
                        {cell.allowed ? (cell.rows !== undefined ? cell.rows : '✓') : '✗'}
                      </td>
                    );
                  }),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {picked && (
        <WhyRow
          connectionId={connectionId}
          cell={picked}
          persona={personas.find((p) => p.name === picked.persona) ?? null}
          preview={preview}
        />
      )}
    </section>
  );
}

function WhyRow({
  connectionId,
  cell,
  persona,
  preview,
}: {
  connectionId: string;
  cell: MatrixCell;
  persona: ReturnType<typeof matrixPersonas>['personas'][number] | null;
  preview: boolean;
}) {
  const why = useWhyRow();
  const [column, setColumn] = useState('id');
  const [value, setValue] = useState('');
  const [schema, name] = [cell.relation.split('.')[0]!, cell.relation.split('.').slice(1).join('.')];
  return (
    <div className="rls-why" aria-label="Why this row">
      <div className="rls-cell-reason">
        <strong>
          {cell.persona} · {cell.relation} · {cell.command}:
        </strong>{' '}
        {cell.reason}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (persona)
            why.mutate({
              connectionId,
              persona,
              relation: { schema, name },
              key: { [column]: value },
              command: cell.command,
              preview,
            });
        }}
      >
        Why this row?{' '}
        <input aria-label="Key column" value={column} onChange={(e) => setColumn(e.target.value)} /> ={' '}
        <input aria-label="Key value" value={value} onChange={(e) => setValue(e.target.value)} />
        <button className="btn small" type="submit">
          Explain
        </button>
      </form>
      {why.isError && <ErrorCallout error={asErrorShape(why.error)} />}
      {why.data && (
        <div className={`rls-verdict ${why.data.verdict ? 'yes' : 'no'}`}>
          <div>
            <strong>{why.data.verdict ? 'In' : 'Out'}</strong> — {why.data.reason}
          </div>
          <ul>
            {why.data.policies.map((p) => (
              <li key={p.name}>
                {p.name} ({p.permissive ? 'permissive' : 'restrictive'}):{' '}
                {p.using !== null && <span>USING {p.usingResult} </span>}
                {p.withCheck !== null && <span>WITH CHECK {p.withCheckResult}</span>}
                {p.error && <span className="rls-error"> — {p.error}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
