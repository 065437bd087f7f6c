import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asErrorShape, useClient } from '../client/index.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { Badge } from '../shell/Badge.js';
import { Splitter, useSplitSize } from '../shell/Splitter.js';
import type { PanelProps } from '../shell/panels.js';
import './act-as.css';
import { consoleApi, newRunId, type RequestResult, type SavedPersona } from './api.js';
import { apiModelFromCatalog } from './api-model.js';
import { starterClaims, type ClaimsRules } from './claims.js';
import { ComparePanel } from './ComparePanel.js';
import { CommitDialog, ConfigDialog } from './Dialogs.js';
import { addHistory, toStored, withLivePersonas, type HistoryEntry } from './history.js';
import { HistoryPanel } from './HistoryPanel.js';
import { checkPath } from './path-check.js';
import { PathCompleter } from './path-completion.js';
import { PersonaEditor } from './PersonaEditor.js';
import { ANONYMOUS, authenticatorOf, newPersonaId, roleChoices, toContractPersona } from './personas.js';
import {
  useActAsConfig,
  useDiscoveredClaims,
  useEmbeddables,
  usePersonas,
  useSavePersonas,
} from './queries.js';
import { bodyProblem, hasBody, RequestBuilder, type Draft } from './RequestBuilder.js';
import { ResponseView } from './ResponseView.js';
import { staleReasons } from './stale.js';
import { leastPrivilegedRole } from '../../shared/model/least-privileged.js';
import { withPersonaHeaders } from './personas.js';
import { SqlConsole } from './SqlConsole.js';
import { takeSqlHandoff } from '../workbench/handoff.js';

type Tab = 'request' | 'sql' | 'compare' | 'history';

/** `.role`, `role`, `."role"` → role; deeper paths fall back to `role` for the editor's checks. */
function topLevelKey(source: unknown): string {
  const m = typeof source === 'string' ? /^\.?"?([A-Za-z0-9_-]+)"?$/.exec(source.trim()) : null;
  return m?.[1] ?? 'role';
}

/** The act-as console: "what does Alice get when she calls this?" */
export default function ActAsPanel({ connectionId, focus }: PanelProps) {
  const client = useClient();
  const catalog = useCatalogQuery(connectionId);
  const config = useActAsConfig(connectionId);
  const saved = usePersonas(connectionId);
  const savePersonas = useSavePersonas(connectionId);
  // One read of the database: the catalog, the claims and the embeds all come from the host's model of it.
  const discovered = useDiscoveredClaims(connectionId, catalog.data?.readAt);

  const effective = config.data?.effective ?? null;
  const schemas = useMemo(() => {
    const s = effective?.['db-schemas'];
    return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : ['public'];
  }, [effective]);
  const anonRole =
    typeof effective?.['db-anon-role'] === 'string' ? (effective['db-anon-role'] as string) : null;
  const roles = useMemo(
    () => roleChoices(catalog.data ?? null, authenticatorOf(effective?.['db-uri']), anonRole),
    [catalog.data, effective, anonRole],
  );
  const rules: ClaimsRules = useMemo(
    () => ({
      roles: [...roles.request, ...roles.others],
      roleClaimKey: topLevelKey(effective?.['jwt-role-claim-key']),
      audience: typeof effective?.['jwt-aud'] === 'string' ? (effective['jwt-aud'] as string) : null,
      now: Math.floor(Date.now() / 1000),
    }),
    [roles, effective],
  );
  const embeddables = useEmbeddables(connectionId, catalog.data?.readAt);
  const completer = useMemo(
    () =>
      catalog.data
        ? new PathCompleter({
            ...apiModelFromCatalog(catalog.data, schemas),
            // From the host's schema cache: many-to-many, computed and view embeds included.
            ...(embeddables.data ? { embeddables: embeddables.data.embeddables } : {}),
          })
        : null,
    [catalog.data, schemas, embeddables.data],
  );

  // personas: the saved list, edited locally and saved shortly after the last change
  const [personas, setPersonas] = useState<SavedPersona[] | null>(null);
  const list = useMemo(
    () => [ANONYMOUS, ...(personas ?? saved.data?.personas ?? [])],
    [personas, saved.data],
  );
  const [selectedId, setSelectedId] = useState('anonymous');
  const selected = list.find((p) => p.id === selectedId) ?? ANONYMOUS;
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unsaved = useRef<SavedPersona[] | null>(null);
  const updatePersonas = (next: SavedPersona[]) => {
    setPersonas(next);
    unsaved.current = next;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      unsaved.current = null;
      savePersonas.mutate(next);
    }, 400);
  };
  const editable = personas ?? saved.data?.personas ?? [];
  const addPersona = () => {
    // The least-privileged request role: a new persona should not start with more than it needs.
    const role =
      (catalog.data
        ? leastPrivilegedRole(
            catalog.data,
            roles.request.filter((r) => r !== anonRole),
          )
        : null) ??
      roles.request.find((r) => r !== anonRole) ??
      roles.request[0] ??
      roles.others[0] ??
      'anon';
    const p: SavedPersona = {
      id: newPersonaId(),
      name: `persona ${editable.length + 1}`,
      kind: 'claims',
      claims: starterClaims(role, discovered.data?.claims ?? []),
      token: '',
    };
    updatePersonas([...editable, p]);
    setSelectedId(p.id);
  };
  const resolve = useCallback((p: SavedPersona) => toContractPersona(p, rules), [rules]);
  const resolved = resolve(selected);

  // the request
  // SQL sent from the workbench ("Run as persona…") opens the SQL tab with it
  const [handoff] = useState(takeSqlHandoff);
  const [tab, setTab] = useState<Tab>(handoff === null ? 'request' : 'sql');
  const sidebar = useSplitSize('act-as.personas', 340, 240, 640);
  const responsePane = useSplitSize('act-as.response', 440, 160, 1600);
  const [draft, setDraft] = useState<Draft>({ method: 'GET', path: '/', headers: [], body: '' });
  const [commit, setCommit] = useState(false);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<{
    result: RequestResult;
    arrivedAt: number;
    method: string;
    persona: SavedPersona;
    request: Draft;
  } | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ what: string; resolve: (ok: boolean) => void } | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  // The history lives on the host (per database), so it outlives the tab.
  useEffect(() => {
    let live = true;
    setHistory([]);
    consoleApi
      .history(client, connectionId)
      .then((r) => {
        if (live) setHistory((h) => [...h, ...r.entries.filter((e) => !h.some((x) => x.id === e.id))]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, connectionId]);
  const historyEntries = useMemo(() => withLivePersonas(history, list), [history, list]);
  const [showConfig, setShowConfig] = useState(false);
  // A link to a postgrest.conf setting (the advisor's) opens the configuration on it.
  const setting = focus?.view === 'postgrest-config' ? focus.key : null;
  useEffect(() => {
    if (setting !== null) setShowConfig(true);
  }, [setting, focus]);

  const pathProblems = useMemo(
    () => checkPath(draft.path, completer, draft.method, schemas[0]),
    [draft.path, completer, draft.method, schemas],
  );
  const blocked =
    'error' in resolved
      ? `Persona "${selected.name}": ${resolved.error}`
      : pathProblems.some((p) => p.severity === 'error')
        ? 'Fix the path first (see below it).'
        : bodyProblem(draft)
          ? 'The body is not valid JSON.'
          : null;

  const confirmCommit = (what: string) => new Promise<boolean>((res) => setConfirm({ what, resolve: res }));

  /** The run a Cancel stops: the request in flight, nothing else. */
  const currentRun = useRef<string | null>(null);
  const send = async (d: Draft = draft, persona: SavedPersona = selected, wantCommit = commit) => {
    const r = resolve(persona);
    if ('error' in r || sending) return;
    if (
      checkPath(d.path, completer, d.method, schemas[0]).some((p) => p.severity === 'error') ||
      bodyProblem(d)
    )
      return;
    if (wantCommit && !(await confirmCommit(`${d.method} ${d.path}`))) return;
    setSending(true);
    setSendError(null);
    const runId = newRunId();
    currentRun.current = runId;
    try {
      const result = await consoleApi.request(client, {
        runId,
        connectionId,
        method: d.method,
        path: d.path,
        headers: withPersonaHeaders(persona, d.headers),
        body: hasBody(d.method) && d.body.trim() !== '' ? d.body : null,
        persona: r.persona,
        commit: wantCommit,
      });
      const arrivedAt = performance.now();
      setAnswer({ result, arrivedAt, method: d.method, persona, request: d });
      const entry: HistoryEntry = {
        id: newPersonaId(),
        at: new Date().toISOString(),
        request: {
          method: d.method,
          path: d.path,
          headers: d.headers.map(([k, v]) => [k, v] as [string, string]),
          body: hasBody(d.method) ? d.body : null,
        },
        persona,
        status: result.response.status,
        ms: result.timing.totalMs,
        committed: result.committed,
        response: { headers: result.response.headers, body: result.response.body },
      };
      setHistory((h) => addHistory(h, entry));
      // Kept on the host without the token; a failed save only costs the entry after a restart.
      void consoleApi.addHistory(client, { connectionId, entry: toStored(entry) }).catch(() => undefined);
    } catch (e) {
      const s = asErrorShape(e);
      setSendError(`${s.message}${s.hint ? ` — ${s.hint}` : ''}`);
    } finally {
      currentRun.current = null;
      setSending(false);
      setCommit(false);
    }
  };

  // Leaving the panel right after an edit still saves it.
  const saveNow = savePersonas.mutate;
  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      if (unsaved.current) saveNow(unsaved.current);
    },
    [saveNow],
  );

  const problem = saved.error ?? config.error;
  return (
    <div
      className="aa-panel"
      style={{ gridTemplateColumns: `${sidebar.size}px auto minmax(0, 1fr)` }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.defaultPrevented && tab === 'request') {
          e.preventDefault();
          void send();
        }
      }}
    >
      <aside className="aa-personas" aria-label="Personas">
        <div className="aa-personas-head">
          <h2>Personas</h2>
          <button className="btn small" onClick={addPersona}>
            + New
          </button>
        </div>
        <ul className="aa-persona-list" role="listbox" aria-label="Persona list">
          {list.map((p) => {
            const r = resolve(p);
            const cookie = (p.headers ?? []).some(([k, v]) => k.toLowerCase() === 'cookie' && v !== '');
            const role =
              p.kind === 'anon'
                ? cookie
                  ? 'cookie session'
                  : (anonRole ?? 'no anonymous role')
                : 'persona' in r && r.persona.type === 'claims'
                  ? String(r.persona.claims[rules.roleClaimKey ?? 'role'] ?? anonRole ?? '—')
                  : p.kind === 'jwt'
                    ? 'token'
                    : 'invalid claims';
            return (
              <li
                key={p.id}
                role="option"
                aria-selected={p.id === selected.id}
                className={p.id === selected.id ? 'on' : undefined}
                onClick={() => setSelectedId(p.id)}
              >
                <span className="aa-persona-name">{p.name}</span>
                <span className={`aa-persona-role mono${'error' in r ? ' bad' : ''}`}>{role}</span>
              </li>
            );
          })}
        </ul>
        <PersonaEditor
          key={selected.id}
          connectionId={connectionId}
          persona={selected}
          roles={roles}
          discovered={discovered.data?.claims ?? []}
          rules={rules}
          onChange={(p) => updatePersonas(editable.map((x) => (x.id === p.id ? p : x)))}
          {...(selected.id !== 'anonymous'
            ? {
                onDelete: () => {
                  updatePersonas(editable.filter((x) => x.id !== selected.id));
                  setSelectedId('anonymous');
                },
              }
            : {})}
        />
        <div className="aa-config-summary">
          <button className="btn small" onClick={() => setShowConfig(true)}>
            PostgREST config
          </button>
          <span className="aa-muted mono" title="db-schemas · db-anon-role">
            {schemas.join(',')} · {anonRole ?? 'no anon role'}
            {effective?.['jwt-secret'] ? ' · secret set' : ' · no jwt-secret'}
          </span>
        </div>
        {problem && <div className="aa-inline-error">{asErrorShape(problem).message}</div>}
        {savePersonas.error && (
          <div className="aa-inline-error">{asErrorShape(savePersonas.error).message}</div>
        )}
      </aside>
      <Splitter split={sidebar} orientation="vertical" pane="before" label="Resize the persona sidebar" />
      <section className="aa-main">
        <div className="tabs aa-main-tabs" role="tablist" aria-label="Console">
          {(
            [
              ['request', 'Request'],
              ['sql', 'SQL as persona'],
              ['compare', 'Compare personas'],
              ['history', `History (${history.length})`],
            ] as [Tab, string][]
          ).map(([id, label]) => (
            <button key={id} role="tab" className="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
          <span className="grow" />
          <span className="aa-as" title="The persona the next run uses; each answer names its own.">
            next run as <b>{selected.name}</b>
          </span>
        </div>
        {tab === 'request' && (
          <div className="aa-request aa-request-split">
            <div className="aa-request-top">
              <RequestBuilder
                draft={draft}
                onChange={setDraft}
                completer={completer}
                problems={pathProblems}
                onSend={() => void send()}
                sending={sending}
                onCancel={() => {
                  if (currentRun.current) void consoleApi.cancel(client, connectionId, currentRun.current);
                }}
                commit={commit}
                onCommit={setCommit}
                blocked={blocked}
                {...(schemas[0] ? { schema: schemas[0] } : {})}
              />
              {sendError && (
                <div className="callout error" role="alert">
                  <div>{sendError}</div>
                </div>
              )}
            </div>
            <Splitter
              split={responsePane}
              orientation="horizontal"
              pane="after"
              label="Resize the response pane"
            />
            <div className="aa-response-pane" style={{ flexBasis: responsePane.size }}>
              {answer ? (
                <ResponseView
                  stale={staleReasons(answer, { request: draft, persona: selected })}
                  answeredAs={answer.persona.name}
                  answeredRequest={`${answer.request.method} ${answer.request.path}`}
                  path={answer.request.path}
                  body={hasBody(answer.request.method) ? answer.request.body : null}
                  key={answer.arrivedAt}
                  connectionId={connectionId}
                  result={answer.result}
                  method={answer.method}
                  persona={(() => {
                    const r = resolve(answer.persona);
                    return 'persona' in r ? r.persona : { type: 'anon' as const };
                  })()}
                  catalog={catalog.data ?? null}
                  schemas={schemas}
                  arrivedAt={answer.arrivedAt}
                />
              ) : (
                <div className="aa-empty">
                  <p>
                    Pick a persona, write a path (completion: Ctrl+Space) and press{' '}
                    <span className="kbd">Ctrl</span>+<span className="kbd">Enter</span>. Every run is{' '}
                    <Badge tone="ok">rolled back</Badge> unless you switch on Commit and confirm.
                  </p>
                </div>
              )}
            </div>
          </div>
        )}
        {tab === 'sql' && (
          <SqlConsole
            connectionId={connectionId}
            initialSql={handoff}
            persona={'persona' in resolved ? resolved.persona : null}
            blocked={'error' in resolved ? `Persona "${selected.name}": ${resolved.error}` : null}
            confirmCommit={confirmCommit}
          />
        )}
        {tab === 'compare' && (
          <ComparePanel
            connectionId={connectionId}
            draft={draft}
            personas={list}
            resolve={resolve}
            blocked={pathProblems.some((p) => p.severity === 'error') ? 'Fix the path first.' : null}
          />
        )}
        {tab === 'history' && (
          <HistoryPanel
            connectionId={connectionId}
            entries={historyEntries}
            onRerun={(e) => {
              setTab('request');
              setDraft({
                method: e.request.method,
                path: e.request.path,
                headers: e.request.headers,
                body: e.request.body ?? '',
              });
              void send(
                {
                  method: e.request.method,
                  path: e.request.path,
                  headers: e.request.headers,
                  body: e.request.body ?? '',
                },
                list.find((p) => p.id === e.persona.id) ?? e.persona,
                false,
              );
            }}
            onEdit={(e) => {
              setDraft({
                method: e.request.method,
                path: e.request.path,
                headers: e.request.headers,
                body: e.request.body ?? '',
              });
              if (list.some((p) => p.id === e.persona.id)) setSelectedId(e.persona.id);
              setTab('request');
            }}
            onClear={() => {
              setHistory([]);
              void consoleApi.clearHistory(client, connectionId).catch(() => undefined);
            }}
          />
        )}
      </section>
      {confirm && (
        <CommitDialog
          what={confirm.what}
          persona={selected.name}
          onAnswer={(ok) => {
            confirm.resolve(ok);
            setConfirm(null);
          }}
        />
      )}
      {showConfig && (
        <ConfigDialog connectionId={connectionId} setting={setting} onClose={() => setShowConfig(false)} />
      )}
    </div>
  );
}
