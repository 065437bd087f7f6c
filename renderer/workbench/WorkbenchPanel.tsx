import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkbenchHistoryEntry, WorkbenchTransaction } from '../../shared/contract/workbench.js';
import { asErrorShape, useClient } from '../client/index.js';
import { catalogKeys } from '../catalog/keys.js';
import { useCatalogQuery } from '../catalog/queries.js';
import type { PanelProps } from '../shell/panels.js';
import { Splitter, useSplitSize } from '../shell/Splitter.js';
import { workbenchApi, type RunResult } from './api.js';
import { SqlCompleter } from './completion.js';
import { openInActAs } from './handoff.js';
import { Results, TransactionBanner } from './Results.js';
import { SidePanel } from './SidePanel.js';
import type { EditorApi, RunRequest, SqlMarker } from './SqlEditor.js';
import { addTab, closeTab, loadTabs, saveTabs, updateTab, type TabsState } from './tabs.js';
import './workbench.css';

const SqlEditor = lazy(() => import('./SqlEditor.js'));

interface TabRun {
  readonly result: RunResult | null;
  readonly error: string | null;
  readonly transaction: WorkbenchTransaction | null;
}

const newId = () => crypto.randomUUID();

/** The owner's SQL editor: the developer's own role, every run in the tab's transaction. */
export default function WorkbenchPanel({ connectionId }: PanelProps) {
  const client = useClient();
  const queryClient = useQueryClient();
  const catalog = useCatalogQuery(connectionId);
  const completer = useMemo(() => (catalog.data ? new SqlCompleter(catalog.data) : null), [catalog.data]);
  const [state, setState] = useState<TabsState>(() => loadTabs(connectionId));
  // the shell keeps this panel mounted when the connection changes: load that connection's tabs
  const shownFor = useRef(connectionId);
  useEffect(() => {
    if (shownFor.current === connectionId) return;
    shownFor.current = connectionId;
    setState(loadTabs(connectionId));
    setRuns({});
  }, [connectionId]);
  useEffect(() => saveTabs(connectionId, state), [connectionId, state]);
  const active = state.tabs.find((t) => t.id === state.active) ?? state.tabs[0]!;
  const [runs, setRuns] = useState<Record<string, TabRun>>({});
  const [running, setRunning] = useState<Record<string, boolean>>({});
  const [history, setHistory] = useState<WorkbenchHistoryEntry[]>([]);
  const editors = useRef(new Map<string, EditorApi>());
  const editorHeight = useSplitSize('workbench.editor', 240, 120, 900);
  const sideWidth = useSplitSize('workbench.side', 280, 200, 560);

  const refreshHistory = useCallback(() => {
    workbenchApi
      .history(client, connectionId)
      .then((r) => setHistory(r.entries))
      .catch(() => undefined);
  }, [client, connectionId]);
  useEffect(refreshHistory, [refreshHistory]);

  // After a reload the host may still hold an open transaction for a tab: show its banner again.
  useEffect(() => {
    for (const tab of state.tabs)
      workbenchApi
        .status(client, connectionId, tab.id)
        .then((s) => {
          if (s.transaction)
            setRuns((r) => ({
              ...r,
              [tab.id]: { result: r[tab.id]?.result ?? null, error: null, transaction: s.transaction },
            }));
        })
        .catch(() => undefined);
    // only when the connection changes: new tabs have no host state yet
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, connectionId]);

  const schemaChanged = useCallback(
    (t: WorkbenchTransaction) => {
      // DDL is visible once committed: read the model again so the explorer and completion see it.
      if (t.schemaChanged && t.state === 'committed')
        void queryClient.invalidateQueries({ queryKey: catalogKeys.read(connectionId) });
    },
    [queryClient, connectionId],
  );

  const run = async (request: RunRequest, explain: 'plan' | 'analyze' | null = null) => {
    const tab = active;
    if (running[tab.id]) return;
    setRunning((r) => ({ ...r, [tab.id]: true }));
    try {
      const result = await workbenchApi.run(client, {
        connectionId,
        sessionId: tab.id,
        text: request.text,
        mode: request.mode,
        cursor: request.cursor,
        ...(request.mode === 'selection' ? { selection: request.selection } : {}),
        explain,
        historyId: newId(),
      });
      setRuns((r) => ({ ...r, [tab.id]: { result, error: null, transaction: result.transaction } }));
      schemaChanged(result.transaction);
      refreshHistory();
    } catch (e) {
      setRuns((r) => ({
        ...r,
        [tab.id]: {
          result: null,
          error: asErrorShape(e).message,
          transaction: r[tab.id]?.transaction ?? null,
        },
      }));
    } finally {
      setRunning((r) => ({ ...r, [tab.id]: false }));
    }
  };

  const end = async (how: 'commit' | 'rollback') => {
    const tab = active;
    setRunning((r) => ({ ...r, [tab.id]: true }));
    try {
      const { transaction } =
        how === 'commit'
          ? await workbenchApi.commit(client, connectionId, tab.id)
          : await workbenchApi.rollback(client, connectionId, tab.id);
      setRuns((r) => ({ ...r, [tab.id]: { result: r[tab.id]?.result ?? null, error: null, transaction } }));
      schemaChanged(transaction);
    } catch (e) {
      const shape = asErrorShape(e);
      setRuns((r) => ({
        ...r,
        [tab.id]: {
          result: r[tab.id]?.result ?? null,
          error: shape.message,
          // GH700: the session died, the transaction is gone
          transaction: shape.code === 'GH700' ? null : (r[tab.id]?.transaction ?? null),
        },
      }));
    } finally {
      setRunning((r) => ({ ...r, [tab.id]: false }));
    }
  };

  const current = runs[active.id];
  const markers: SqlMarker[] = useMemo(
    () =>
      (current?.result?.statements ?? [])
        .filter((s) => s.error?.offset !== null && s.error?.offset !== undefined)
        .map((s) => ({ offset: s.error!.offset!, length: 0, message: s.error!.message })),
    [current],
  );
  const request = (script: boolean): RunRequest =>
    editors.current.get(active.id)?.request(script) ?? {
      text: active.sql,
      mode: script ? 'script' : 'cursor',
      cursor: 0,
    };
  const isRunning = running[active.id] === true;
  const open = current?.transaction?.state === 'open';

  const close = (id: string) => {
    if (
      runs[id]?.transaction?.state === 'open' &&
      !confirm('This tab has an open transaction. Close it and roll it back?')
    )
      return;
    void workbenchApi.close(client, connectionId, id).catch(() => undefined);
    setState((s) => closeTab(s, id));
  };

  return (
    <div className="wb">
      <div className="wb-main">
        <div className="wb-tabs" role="tablist" aria-label="Editor tabs">
          {state.tabs.map((t) => (
            <div key={t.id} className={`wb-tab${t.id === active.id ? ' active' : ''}`}>
              <button
                role="tab"
                aria-selected={t.id === active.id}
                onClick={() => setState((s) => ({ ...s, active: t.id }))}
              >
                {t.title}
                {runs[t.id]?.transaction?.state === 'open' && (
                  <span className="wb-dot" title="Transaction open" />
                )}
              </button>
              <button className="wb-tab-close" aria-label={`Close ${t.title}`} onClick={() => close(t.id)}>
                ×
              </button>
            </div>
          ))}
          <button className="wb-tab-add" aria-label="New tab" onClick={() => setState((s) => addTab(s))}>
            +
          </button>
        </div>
        <div className="wb-editor-box" style={{ height: editorHeight.size }}>
          <Suspense
            fallback={<textarea className="wb-fallback" readOnly value={active.sql} aria-label="SQL" />}
          >
            <SqlEditor
              key={active.id}
              path={`${connectionId}/${active.id}.sql`}
              value={active.sql}
              onChange={(sql) => setState((s) => updateTab(s, active.id, { sql }))}
              completer={completer}
              markers={markers}
              onRun={(r) => void run(r)}
              ariaLabel="SQL editor"
              onReady={(api) => editors.current.set(active.id, api)}
            />
          </Suspense>
        </div>
        <Splitter split={editorHeight} orientation="horizontal" pane="before" label="Resize the SQL editor" />
        <div className="wb-toolbar">
          {isRunning ? (
            <button
              className="btn danger"
              onClick={() => void workbenchApi.cancel(client, connectionId, active.id)}
            >
              Cancel
            </button>
          ) : (
            <>
              <button
                className="btn primary"
                title="Ctrl/Cmd+Enter: the selection or the statement under the cursor"
                onClick={() => void run(request(false))}
              >
                Run
              </button>
              <button className="btn" title="Shift+Enter or F5" onClick={() => void run(request(true))}>
                Run script
              </button>
              <button
                className="btn"
                title="EXPLAIN (FORMAT JSON)"
                onClick={() => void run(request(false), 'plan')}
              >
                Explain
              </button>
              <button
                className="btn"
                title="EXPLAIN ANALYZE runs the statement (a write stays in the open transaction)"
                onClick={() => void run(request(false), 'analyze')}
              >
                Explain analyze
              </button>
            </>
          )}
          <span className="grow" />
          <span className="wb-muted">
            as {catalog.data?.server.currentUser ?? 'the connected role'}, in a transaction
          </span>
          <button
            className="btn"
            title="Open this SQL in the act-as console, to run it as a persona"
            onClick={() => {
              const r = request(false);
              const sql =
                r.mode === 'selection' ? active.sql.slice(r.selection[0], r.selection[1]) : active.sql;
              openInActAs(sql);
            }}
          >
            Run as persona…
          </button>
        </div>
        {current?.transaction &&
          (current.transaction.state !== 'committed' || current.transaction.changes.length > 0) && (
            <TransactionBanner
              transaction={current.transaction}
              busy={isRunning}
              onCommit={() => void end('commit')}
              onRollback={() => void end('rollback')}
            />
          )}
        {open && (
          <div className="wb-muted wb-pad-x">Other sessions do not see these changes until you commit.</div>
        )}
        {current?.error && (
          <div className="callout error" role="alert">
            {current.error}
          </div>
        )}
        {current?.result && <Results statements={current.result.statements} catalog={catalog.data ?? null} />}
      </div>
      <Splitter
        split={sideWidth}
        orientation="vertical"
        pane="after"
        label="Resize the history and snippets"
      />
      <SidePanel
        width={sideWidth.size}
        connectionId={connectionId}
        history={history}
        currentSql={active.sql}
        onOpen={(sql) => setState((s) => addTab(s, sql))}
        onClearHistory={() => {
          setHistory([]);
          void workbenchApi.clearHistory(client, connectionId).catch(() => undefined);
        }}
      />
    </div>
  );
}
