import { useEffect, useState } from 'react';
import type { Snippet, WorkbenchHistoryEntry } from '../../shared/contract/workbench.js';
import { asErrorShape, useClient } from '../client/index.js';
import { workbenchApi } from './api.js';

/** History (host side, per database) and saved snippets (.sql files in a folder you can commit). */
export function SidePanel({
  connectionId,
  history,
  currentSql,
  onOpen,
  onClearHistory,
  width,
}: {
  /** Set by the splitter beside it. */
  width?: number;
  connectionId: string;
  history: readonly WorkbenchHistoryEntry[];
  currentSql: string;
  onOpen: (sql: string) => void;
  onClearHistory: () => void;
}) {
  const client = useClient();
  const [view, setView] = useState<'history' | 'snippets'>('history');
  const [folder, setFolder] = useState('');
  const [folderDraft, setFolderDraft] = useState('');
  const [snippets, setSnippets] = useState<Snippet[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  const took = (r: { folder: string; snippets: Snippet[] }) => {
    setFolder(r.folder);
    setFolderDraft(r.folder);
    setSnippets(r.snippets);
    setError(null);
  };
  const attempt = (p: Promise<{ folder: string; snippets: Snippet[] }>) =>
    p.then(took).catch((e: unknown) => setError(asErrorShape(e).message));
  useEffect(() => {
    void attempt(workbenchApi.snippets(client));
    // the snippets folder is the studio's, not the connection's
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, connectionId]);

  return (
    <aside className="wb-side" aria-label="History and snippets" style={width ? { width } : undefined}>
      <div className="wb-side-tabs" role="tablist">
        <button role="tab" aria-selected={view === 'history'} onClick={() => setView('history')}>
          History ({history.length})
        </button>
        <button role="tab" aria-selected={view === 'snippets'} onClick={() => setView('snippets')}>
          Snippets ({snippets.length})
        </button>
      </div>
      {error && <div className="wb-inline-error">{error}</div>}
      {view === 'history' ? (
        <>
          <ul className="wb-list" aria-label="Run history">
            {history.map((h) => (
              <li key={h.id}>
                <button onClick={() => onOpen(h.sql)} title="Open in a new tab">
                  <code className="wb-list-sql">{h.sql.slice(0, 160)}</code>
                  <span className={`wb-list-meta${h.ok ? '' : ' bad'}`}>
                    {h.summary} · <span className="wb-list-time">{`${Math.round(h.ms)} ms`}</span> ·{' '}
                    <span className="wb-list-time">{new Date(h.at).toLocaleTimeString()}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {history.length > 0 && (
            <button className="btn small" onClick={onClearHistory}>
              Clear history
            </button>
          )}
        </>
      ) : (
        <>
          <form
            className="wb-row"
            onSubmit={(e) => {
              e.preventDefault();
              const file = name.trim().endsWith('.sql') ? name.trim() : `${name.trim()}.sql`;
              if (name.trim() === '') return;
              void attempt(workbenchApi.saveSnippet(client, file, currentSql));
              setName('');
            }}
          >
            <input
              aria-label="Snippet name"
              placeholder="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button className="btn small" type="submit">
              Save current
            </button>
          </form>
          <ul className="wb-list" aria-label="Snippets">
            {snippets.map((s) => (
              <li key={s.name}>
                <button onClick={() => onOpen(s.sql)} title="Open in a new tab">
                  <span>{s.name}</span>
                  <code className="wb-list-sql">{s.sql.slice(0, 120)}</code>
                </button>
                <button
                  className="wb-tab-close"
                  aria-label={`Delete ${s.name}`}
                  onClick={() => void attempt(workbenchApi.deleteSnippet(client, s.name))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            className="wb-folder"
            onSubmit={(e) => {
              e.preventDefault();
              void attempt(workbenchApi.setSnippetFolder(client, folderDraft));
            }}
          >
            <label>
              Folder (commit it with your project)
              <input
                aria-label="Snippets folder"
                value={folderDraft}
                onChange={(e) => setFolderDraft(e.target.value)}
              />
            </label>
            {folderDraft !== folder && (
              <button className="btn small" type="submit">
                Use this folder
              </button>
            )}
          </form>
        </>
      )}
    </aside>
  );
}
