import { useEffect, useMemo, useState } from 'react';
import type { MatrixCell, RlsOverview } from '../../shared/contract/rls.js';
import { asErrorShape } from '../client/index.js';
import { downloadText } from '../changeset/download.js';
import { useChangeSetQuery } from '../changeset/queries.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import { useScrollOnce } from '../shell/scroll-once.js';
import { matrixPersonas } from './personas.js';
import { EditPolicy, NewPolicies } from './PolicyEditor.js';
import {
  useExportTests,
  useMatrix,
  useOverview,
  useQueueRlsChange,
  useRlsFollowsCatalog,
  useSavedPersonas,
  useWhyRow,
} from './queries.js';
import './rls.css';

type Rel = RlsOverview['relations'][number];
const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;

/** The policy count by command, as "ALL 1 · SELECT 2" (commands without a policy left out). */
export function countsByCommand(counts: Rel['policyCounts']): string {
  return (['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const)
    .filter((c) => counts[c] > 0)
    .map((c) => `${c} ${counts[c]}`)
    .join(' · ');
}

export default function RlsPanel({ connectionId, focus }: PanelProps) {
  const overview = useOverview(connectionId);
  useRlsFollowsCatalog(connectionId);
  // A link's target (shell/route.ts): that table selected, that policy open in the editor.
  const target = focus?.view === 'policy' ? focus : null;
  const targetTable = target ? label(target.table) : null;
  const [selected, setSelected] = useState<string | null>(targetTable);
  useEffect(() => {
    if (targetTable !== null) setSelected(targetTable);
  }, [targetTable]);
  const scrollToTable = useScrollOnce(targetTable);
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
                ref={label(r) === targetTable ? scrollToTable : undefined}
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
                {r.policies.length > 0 && (
                  <span
                    className="rls-count"
                    title={`Policies by command: ${countsByCommand(r.policyCounts)}`}
                  >
                    {r.policies.length} pol.
                  </span>
                )}
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
          <TableEditor
            key={`${label(current)}\0${label(current) === targetTable ? (target?.policy ?? '') : ''}`}
            connectionId={connectionId}
            rel={current}
            focusPolicy={label(current) === targetTable ? (target?.policy ?? null) : null}
          />
        ) : (
          <EmptyState title="Pick a table">Its RLS state, policies and warnings show here.</EmptyState>
        )}
        <MatrixView connectionId={connectionId} />
      </div>
    </div>
  );
}

function TableEditor({
  connectionId,
  rel,
  focusPolicy,
}: {
  connectionId: string;
  rel: Rel;
  /** The policy a link asked for: open in the editor, scrolled to. */
  focusPolicy: string | null;
}) {
  const queue = useQueueRlsChange(connectionId);
  const pending = useChangeSetQuery(connectionId);
  const pendingKey = (pending.data?.statements ?? []).map((s) => s.id).join(',');
  const t = { schema: rel.schema, table: rel.name };
  const isTable = rel.kind === 'table' || rel.kind === 'partitioned_table';
  const [editing, setEditing] = useState<string | null>(
    isTable && rel.policies.some((p) => p.name === focusPolicy) ? focusPolicy : null,
  );
  const editPolicy = rel.policies.find((p) => p.name === editing) ?? null;
  const scrollToEditor = useScrollOnce(focusPolicy);
  return (
    <section className="rls-table" aria-label={`Policies of ${label(rel)}`}>
      <h2>{label(rel)}</h2>
      {rel.warnings.map((w) => (
        <div
          key={w.code + (w.policy ?? '')}
          className={`callout ${w.severity === 'error' ? 'error' : w.severity === 'warning' ? 'warn' : 'info'}`}
        >
          <div>
            {w.message}
            {w.fix && <span className="muted"> — fix: {w.fix} (Advisor panel)</span>}
          </div>
        </div>
      ))}
      {isTable && (
        <div className="rls-actions">
          <span data-testid="rls-state">
            RLS {rel.rlsEnabled ? 'enabled' : 'disabled'}, {rel.rlsForced ? 'forced' : 'not forced'} · owner{' '}
            {rel.owner} · policies {rel.policies.length === 0 ? 'none' : countsByCommand(rel.policyCounts)}
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
      {rel.policies.length === 0 ? (
        <EmptyState compact icon="∅" title={`No policies on ${label(rel)}`}>
          {!isTable
            ? 'A view has no policies of its own: the policies of the tables it reads apply, as its owner or, with security_invoker, as the caller.'
            : rel.rlsEnabled
              ? 'RLS is on and no policy lets a row through: every request role that is not the owner sees nothing (default deny). Add one below.'
              : 'RLS is off: every role with a grant on it reads and writes every row. Enable RLS, then add a policy below.'}
        </EmptyState>
      ) : (
        <table className="rls-policies">
          <colgroup>
            <col className="c-name" />
            <col className="c-kind" />
            <col className="c-cmd" />
            <col className="c-roles" />
            <col />
            <col />
            <col className="c-actions" />
          </colgroup>
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
              <tr
                key={p.name}
                className={`${p.name === editing ? 'editing' : ''}${p.name === focusPolicy ? ' focused' : ''}`}
                data-policy={p.name}
              >
                <td>{p.name}</td>
                <td>{p.permissive ? 'permissive' : 'restrictive'}</td>
                <td>{p.command}</td>
                <td className="rls-policy-roles">
                  {p.roles.map((r) => (
                    <span key={r}>{r}</span>
                  ))}
                </td>
                <td>
                  <code>{p.using ?? '—'}</code>
                </td>
                <td>
                  <code>{p.withCheck ?? '—'}</code>
                </td>
                <td className="rls-row-actions">
                  {isTable && (
                    <button
                      className="btn small"
                      aria-label={`Edit ${p.name}`}
                      onClick={() => setEditing(p.name === editing ? null : p.name)}
                    >
                      Edit
                    </button>
                  )}
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
      )}
      {editPolicy && (
        <div className="rls-edit-focus" ref={editPolicy.name === focusPolicy ? scrollToEditor : undefined}>
          <EditPolicy
            key={editPolicy.name}
            connectionId={connectionId}
            rel={rel}
            policy={editPolicy}
            pendingKey={pendingKey}
            onDone={() => setEditing(null)}
          />
        </div>
      )}
      {isTable && <NewPolicies connectionId={connectionId} rel={rel} pendingKey={pendingKey} />}
      {queue.isError && <ErrorCallout error={asErrorShape(queue.error)} />}
      {queue.data && <div className="rls-queued">Queued: {queue.data.sql}</div>}
    </section>
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
  const exporting = useExportTests();
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
        <span className="grow" />
        <span className="muted" id="rls-export-note">
          Tests to keep{pendingCount > 0 ? ' (as applied: pending changes left out)' : ''}:
        </span>
        {(['pgtap', 'sql'] as const).map((format) => (
          <button
            key={format}
            className="btn small"
            aria-describedby="rls-export-note"
            disabled={exporting.isPending || personas.length === 0}
            onClick={() =>
              exporting.mutate(
                { connectionId, personas, format },
                { onSuccess: (r) => downloadText(r.fileName, r.text) },
              )
            }
          >
            {format === 'pgtap' ? 'Export pgTAP' : 'Export SQL asserts'}
          </button>
        ))}
      </div>
      {exporting.isError && <ErrorCallout error={asErrorShape(exporting.error)} />}
      {skipped.length > 0 && (
        <div className="callout warn">Left out (claims not a JSON object): {skipped.join(', ')}</div>
      )}
      {matrix.isError && <ErrorCallout error={asErrorShape(matrix.error)} />}
      {matrix.data && relations.length === 0 && (
        <EmptyState compact icon="∅" title="No relation to probe">
          No table or view in the exposed schemas (db-schemas) of the PostgREST config: set db-schemas in the
          act-as console's config to see who sees what.
        </EmptyState>
      )}
      {matrix.data && relations.length > 0 && (
        <div className="rls-legend muted" aria-label="Legend">
          <span className="rls-key yes">3</span> allowed, rows the persona sees ·{' '}
          <span className="rls-key yes">✓</span> allowed · <span className="rls-key no">–</span> refused (by
          grant or policy) · click a cell for why
        </div>
      )}
      {matrix.data && relations.length > 0 && (
        <div className="rls-grid-scroll">
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
                          className={`cell ${cell.allowed ? 'yes' : 'no'}${c === COMMANDS[0] ? ' group-start' : ''}`}
                          title={cell.reason}
                          data-cell={`${p.name} ${r} ${c}`}
                          onClick={() => setPicked(cell)}
                        >
                          {/* Refusal is the common answer: a quiet dash, so the allowed cells stand out. */}
                          {cell.allowed ? (cell.rows !== undefined ? cell.rows : '✓') : '–'}
                        </td>
                      );
                    }),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <input
          className="input mono"
          aria-label="Key column"
          value={column}
          onChange={(e) => setColumn(e.target.value)}
        />{' '}
        ={' '}
        <input
          className="input mono"
          aria-label="Key value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
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
