import { useEffect, useMemo, useState } from 'react';
import type { DiffOptions } from '../../shared/diff/migration.js';
import type { ReviewItem } from '../../shared/diff/review.js';
import { asErrorShape } from '../client/index.js';
import { useConnectionStatusQuery } from '../connections/queries.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import type { ComparisonView } from './api.js';
import { skipReasons, tickIn, tickOut } from './change-tree.js';
import { ChangeDetail } from './ChangeDetail.js';
import { ChangeTree } from './ChangeTree.js';
import './diff.css';
import { ExportBar } from './ExportBar.js';
import { MigrationView } from './MigrationView.js';
import { OptionsBar, type CompareOptions } from './OptionsBar.js';
import { useDiffMutations, useProgressQuery } from './queries.js';
import { RenameCandidates, renameKey } from './RenameCandidates.js';
import { ReviewSection } from './ReviewSection.js';
import { sideOf, SidePicker, sideProblem, type SideDraft } from './SidePicker.js';
import { Splitter } from './Splitter.js';

const TREE_WIDTH_KEY = 'gatehouse.diff.treeWidth';

function storedWidth(): number {
  const n = Number(localStorage.getItem(TREE_WIDTH_KEY));
  return Number.isFinite(n) && n >= 220 && n <= 640 ? n : 340;
}

/**
 * The migration diff: pick two sides, read them (with progress), then the review of what changes for whom, the
 * tree of differences to tick in or out with each object's DDL side by side, and the migration to export or
 * queue into the change set.
 */
export default function DiffPanel({ connectionId }: PanelProps) {
  const status = useConnectionStatusQuery();
  const connections = (status.data?.connections ?? [])
    .filter((c) => c.state !== 'closed')
    .map((c) => ({ id: c.id, name: c.name }));
  const [from, setFrom] = useState<SideDraft>({ kind: 'connection', connectionId, path: '' });
  const [to, setTo] = useState<SideDraft>({ kind: 'folder', connectionId, path: '' });
  const [options, setOptions] = useState<CompareOptions>({});
  const [comparisonId, setComparisonId] = useState<string | null>(null);
  const [planned, setPlanned] = useState<ComparisonView | null>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [renames, setRenames] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<'object' | 'migration'>('migration');
  const [treeWidth, setTreeWidth] = useState(storedWidth);
  const progress = useProgressQuery(comparisonId);
  const m = useDiffMutations(connectionId);

  const comparison = planned ?? progress.data?.comparison ?? null;
  const migration = comparison?.migration ?? null;
  const running = comparisonId !== null && (progress.data === undefined || progress.data.state === 'running');
  const problem = sideProblem(from) ?? sideProblem(to);

  useEffect(() => localStorage.setItem(TREE_WIDTH_KEY, String(treeWidth)), [treeWidth]);

  const currentOptions = (skip: ReadonlySet<string>, accepted: ReadonlySet<string>): DiffOptions => {
    const candidates = migration?.renameCandidates ?? [];
    const chosen = candidates.filter((c) => accepted.has(renameKey(c)));
    return {
      ...options,
      ...(skip.size > 0 ? { skip: [...skip] } : {}),
      ...(chosen.length > 0 ? { renames: chosen.map((c) => ({ from: c.from, to: c.to })) } : {}),
    };
  };

  const compare = () => {
    if (problem !== null || m.compare.isPending) return;
    setPlanned(null);
    setUnticked(new Set());
    setRenames(new Set());
    setSelected(null);
    m.exportTo.reset();
    m.apply.reset();
    m.compare.mutate(
      { from: sideOf(from), to: sideOf(to), options },
      { onSuccess: (r) => setComparisonId(r.comparisonId) },
    );
  };

  const replan = (skip: ReadonlySet<string>, accepted: ReadonlySet<string>) => {
    if (!comparison) return;
    setUnticked(skip);
    setRenames(accepted);
    m.exportTo.reset();
    m.apply.reset();
    m.plan.mutate(
      { comparisonId: comparison.comparisonId, options: currentOptions(skip, accepted) },
      { onSuccess: (c) => setPlanned(c) },
    );
  };

  // Ctrl/⌘+Enter compares, from anywhere in the panel but an editor.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.ctrlKey || e.metaKey) &&
        e.key === 'Enter' &&
        !(e.target as HTMLElement | null)?.closest?.('.monaco-editor')
      ) {
        e.preventDefault();
        compare();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const reasons = useMemo(
    () => (migration ? skipReasons(migration, unticked) : new Map<string, string>()),
    [migration, unticked],
  );
  const selectedChange = migration?.changes.find((c) => c.id === selected) ?? null;

  const openReview = (item: ReviewItem) => {
    if (!migration) return;
    const o = item.object;
    const related = migration.changes.filter(
      (c) =>
        c.object.schema === o.schema &&
        c.object.name === o.name &&
        (o.member === undefined || c.object.member === o.member),
    );
    const best = related.find((c) => c.kind === 'grant') ?? related[0];
    if (best) {
      setSelected(best.id);
      setView('object');
    }
  };

  const steps = progress.data?.steps ?? [];
  const last = steps[steps.length - 1];

  return (
    <div className="diff-panel">
      <header className="diff-pick">
        <SidePicker label="From" draft={from} onChange={setFrom} connections={connections} />
        <button
          type="button"
          className="btn ghost icon-btn diff-swap"
          aria-label="Swap sides"
          title="Swap From and To"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          ⇄
        </button>
        <SidePicker label="To" draft={to} onChange={setTo} connections={connections} />
        <button
          type="button"
          className="btn primary diff-compare"
          onClick={compare}
          disabled={problem !== null || running}
          title="Compare (Ctrl/⌘+Enter)"
        >
          {running ? 'Comparing…' : 'Compare'}
        </button>
      </header>
      <OptionsBar options={options} onChange={setOptions} />
      {m.compare.error && <ErrorCallout error={asErrorShape(m.compare.error)} title="Not compared" />}
      {running && (
        <div className="diff-progress" role="status" aria-label="Progress">
          <span className="spinner" aria-hidden />
          <span>
            {last
              ? `${last.side === 'from' ? 'From' : last.side === 'to' ? 'To' : 'Plan'}: ${last.message}`
              : 'Starting…'}
          </span>
          {last && last.total !== null && last.done !== null && (
            <progress max={last.total} value={last.done} aria-label="Files applied">
              {last.done}/{last.total}
            </progress>
          )}
        </div>
      )}
      {progress.data?.state === 'failed' && progress.data.error && (
        <ErrorCallout error={progress.data.error} title="The comparison failed" />
      )}
      {comparisonId === null && !m.compare.isPending && (
        <EmptyState icon="⇄" title="Compare two databases, snapshots or folders of .sql">
          Pick what the database is now (From) and what it should become (To). Folders are applied to a
          throwaway PostgreSQL of the same version and read back. Ctrl/⌘+Enter compares.
        </EmptyState>
      )}
      {comparison && migration && (
        <div className="diff-results">
          <div className="diff-summary" aria-label="Sides">
            <span>
              <strong>{comparison.from.label}</strong> → <strong>{comparison.to.label}</strong>
            </span>
            <span className="muted">
              {migration.equal
                ? 'The two sides are equal.'
                : `${migration.changes.length} differences · ${migration.changes.length - reasons.size} ticked in`}
            </span>
            {m.plan.isPending && <Loading label="Planning…" />}
          </div>
          {m.plan.error && <ErrorCallout error={asErrorShape(m.plan.error)} title="Not planned" />}
          <ReviewSection
            review={comparison.review}
            unwritable={comparison.migration.unwritable}
            onOpen={openReview}
          />
          {migration.renameCandidates.length > 0 && (
            <RenameCandidates
              candidates={migration.renameCandidates}
              accepted={renames}
              onChange={(a) => replan(unticked, a)}
            />
          )}
          {!migration.equal && (
            <div className="diff-split" style={{ gridTemplateColumns: `${treeWidth}px 6px minmax(0, 1fr)` }}>
              <ChangeTree
                changes={migration.changes}
                selected={selected}
                onSelect={(id) => {
                  setSelected(id);
                  setView('object');
                }}
                isIn={(id) => !reasons.has(id)}
                reasonOut={(id) => reasons.get(id) ?? null}
                onTick={(id, on) =>
                  replan(on ? tickIn(migration, unticked, id) : tickOut(unticked, id), renames)
                }
                busy={m.plan.isPending}
              />
              <Splitter
                width={treeWidth}
                min={220}
                max={640}
                onChange={setTreeWidth}
                label="Resize the tree"
              />
              <div className="diff-right">
                <div className="segmented" role="group" aria-label="Show">
                  <button
                    type="button"
                    aria-pressed={view === 'object'}
                    onClick={() => setView('object')}
                    disabled={!selectedChange}
                  >
                    Object
                  </button>
                  <button
                    type="button"
                    aria-pressed={view === 'migration'}
                    onClick={() => setView('migration')}
                  >
                    Migration
                  </button>
                </div>
                {view === 'object' && selectedChange ? (
                  <ChangeDetail
                    change={selectedChange}
                    migration={migration}
                    reasonOut={reasons.get(selectedChange.id) ?? null}
                    onSelect={setSelected}
                  />
                ) : (
                  <MigrationView migration={migration} script={comparison.script} />
                )}
              </div>
            </div>
          )}
          {!migration.equal && (
            <ExportBar
              empty={migration.statements.length === 0}
              onExport={(input) =>
                m.exportTo.mutate({
                  ...input,
                  comparisonId: comparison.comparisonId,
                  options: currentOptions(unticked, renames),
                })
              }
              exporting={m.exportTo.isPending}
              result={m.exportTo.data}
              error={m.exportTo.error}
              canApply={comparison.applyTo !== null}
              onApply={() =>
                m.apply.mutate({
                  comparisonId: comparison.comparisonId,
                  options: currentOptions(unticked, renames),
                })
              }
              applying={m.apply.isPending}
              applied={m.apply.data}
              applyError={m.apply.error}
            />
          )}
          <p className="diff-keys muted">
            Tree: ↑ ↓ move · Space ticks in or out · the Splitter moves with ← →. Ctrl/⌘+Enter compares again.
          </p>
        </div>
      )}
    </div>
  );
}
