import { useState } from 'react';
import type { ExportFormat } from '../../shared/contract/diff.js';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { ExportInput, ExportView } from './api.js';
import { changeLabel } from './change-tree.js';

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'supabase', label: 'supabase/migrations' },
  { format: 'dbmate', label: 'dbmate' },
  { format: 'flyway', label: 'Flyway' },
  { format: 'sqitch', label: 'sqitch' },
  { format: 'golang-migrate', label: 'golang-migrate' },
  { format: 'alembic', label: 'Alembic' },
];

/** Export (verified first) into a migrations folder, or queue the migration into the source's change set. */
export function ExportBar({
  onExport,
  exporting,
  result,
  error,
  canApply,
  onApply,
  applying,
  applied,
  applyError,
  empty,
}: {
  onExport: (input: ExportInput) => void;
  exporting: boolean;
  result: ExportView | undefined;
  error: unknown;
  canApply: boolean;
  onApply: () => void;
  applying: boolean;
  applied: { queued: number; pending: number } | undefined;
  applyError: unknown;
  empty: boolean;
}) {
  const [format, setFormat] = useState<ExportFormat>('supabase');
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('migration');
  const absolute = /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(folder.trim());
  const v = result?.verification ?? null;
  const run = (force: boolean) => onExport({ format, folder: folder.trim(), name, verify: true, force });
  return (
    <section className="diff-export" aria-label="Export">
      <div className="diff-export-row">
        <select
          aria-label="Format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
        >
          {FORMATS.map((f) => (
            <option key={f.format} value={f.format}>
              {f.label}
            </option>
          ))}
        </select>
        <input
          className="diff-path"
          aria-label="Export folder"
          placeholder="/home/me/project/migrations"
          spellCheck={false}
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
        />
        <input
          className="diff-name"
          aria-label="Migration name"
          spellCheck={false}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="button"
          className="btn primary"
          disabled={exporting || empty || !absolute || name.trim() === ''}
          title={
            !absolute
              ? 'Give an absolute folder path'
              : 'Verify on a shadow copy of the source, then write the files'
          }
          onClick={() => run(false)}
        >
          {exporting ? 'Verifying…' : 'Verify and export'}
        </button>
        {canApply && (
          <button
            type="button"
            className="btn"
            disabled={applying || empty}
            onClick={onApply}
            title="Queue the statements into the source connection's change set: previewed and applied there in one transaction"
          >
            {applying ? 'Queueing…' : 'Add to change set'}
          </button>
        )}
      </div>
      {error != null && <ErrorCallout error={asErrorShape(error)} title="Not exported" />}
      {applyError != null && <ErrorCallout error={asErrorShape(applyError)} title="Not queued" />}
      {applied && (
        <div className="callout ok" role="status" aria-label="Queued">
          <div>
            {applied.queued} statements are in the change set ({applied.pending} pending): open it with C to
            preview and apply them in one transaction.
          </div>
        </div>
      )}
      {v && v.verified && result && result.files.length > 0 && (
        <div className="callout ok" role="status" aria-label="Export result">
          <div>
            <div className="title">Verified and exported</div>
            <div>
              {v.leftOut.length === 0
                ? 'Applied to a shadow copy of the source, the migration leaves nothing to change.'
                : `Applied to a shadow copy of the source, the migration leaves only what was ticked out: ${v.leftOut
                    .map((c) => c.summary)
                    .join(', ')}.`}
            </div>
            <ul className="diff-files">
              {result.files.map((f) => (
                <li key={f}>
                  <code>{f}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {v && !v.verified && (
        <div className="callout warn" role="status" aria-label="Export result">
          <div>
            <div className="title">
              {result && result.files.length > 0 ? 'Exported, not verified' : 'Not verified: nothing written'}
            </div>
            {v.error !== null && <div>The migration failed on the shadow copy: {v.error}</div>}
            {v.residue.length > 0 && (
              <>
                <div>After the migration these still differ:</div>
                <ul>
                  {v.residue.map((c) => (
                    <li key={c.id}>
                      {c.summary} <span className="muted">({changeLabel(c)})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {result && result.files.length === 0 && (
              <button type="button" className="btn small" onClick={() => run(true)} disabled={exporting}>
                Export anyway
              </button>
            )}
          </div>
        </div>
      )}
      {!v && result && result.files.length > 0 && (
        <div className="callout ok" role="status" aria-label="Export result">
          <div>Exported: {result.files.join(', ')}</div>
        </div>
      )}
    </section>
  );
}
