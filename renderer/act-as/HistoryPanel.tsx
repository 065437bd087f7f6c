import { useState } from 'react';
import { asErrorShape, useClient } from '../client/index.js';
import { Badge } from '../shell/Badge.js';
import { consoleApi } from './api.js';
import { checkClaims } from './claims.js';
import { toCorpusCase, toCurl, type ExportPersona } from './exporters.js';
import type { HistoryEntry } from './history.js';
import { statusTone } from './ResponseView.js';

function exportPersona(e: HistoryEntry): ExportPersona {
  if (e.persona.kind === 'anon') return { type: 'anon' };
  if (e.persona.kind === 'jwt')
    return { type: 'jwt', token: e.persona.token.trim().replace(/^Bearer\s+/i, '') };
  return { type: 'claims', claims: checkClaims(e.persona.claims, { roles: [] }).claims ?? {} };
}

/** Every request sent from the console: re-run, load into the builder, export as curl or as a corpus case. */
export function HistoryPanel({
  connectionId,
  entries,
  onRerun,
  onEdit,
  onClear,
}: {
  connectionId: string;
  entries: readonly HistoryEntry[];
  onRerun: (e: HistoryEntry) => void;
  onEdit: (e: HistoryEntry) => void;
  onClear: () => void;
}) {
  const client = useClient();
  const [baseUrl, setBaseUrl] = useState('http://localhost:3000');
  const [exported, setExported] = useState<{ id: string; kind: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const curl = async (e: HistoryEntry) => {
    setError(null);
    const persona = exportPersona(e);
    let token: string | null = null;
    if (persona.type === 'claims') {
      try {
        token = (await consoleApi.mintJwt(client, { claims: persona.claims, connectionId })).token;
      } catch (err) {
        setError(`No token minted (${asErrorShape(err).message}); the command uses $TOKEN.`);
      }
    }
    setExported({ id: e.id, kind: 'curl', text: toCurl(baseUrl, e.request, persona, token) });
  };
  const corpus = (e: HistoryEntry) => {
    const slug = e.request.path.replace(/^\//, '').split(/[?/]/)[0] ?? 'request';
    const c = toCorpusCase({
      id: `${e.request.method === 'GET' ? 'read' : 'write'}.${slug}-${e.persona.name.replace(/\W+/g, '-').toLowerCase()}`,
      note: `${e.request.method} ${e.request.path} as ${e.persona.name}`,
      request: e.request,
      persona: exportPersona(e),
      response: { status: e.status, headers: e.response.headers, body: e.response.body },
    });
    setExported({ id: e.id, kind: 'corpus case', text: JSON.stringify(c, null, 2) });
  };
  if (entries.length === 0) return <div className="aa-muted aa-pad">Requests you send appear here.</div>;
  return (
    <div className="aa-history">
      <div className="aa-request-line">
        <label className="aa-label-inline">
          PostgREST URL for curl
          <input
            className="input mono"
            aria-label="PostgREST URL"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </label>
        <span className="grow" />
        <button className="btn ghost small" onClick={onClear}>
          Clear history
        </button>
      </div>
      {error && <div className="aa-inline-error">{error}</div>}
      <ul className="aa-history-list" aria-label="History">
        {entries.map((e) => (
          <li key={e.id}>
            <div className="aa-history-row">
              <Badge tone={statusTone(e.status)}>{e.status}</Badge>
              <span className="mono aa-history-req" title={e.request.path}>
                {e.request.method} {e.request.path}
              </span>
              <span className="aa-muted">as</span> <b>{e.persona.name}</b>
              {e.committed && <Badge tone="danger">committed</Badge>}
              <span className="grow" />
              <span className="aa-muted" title={e.at}>
                {new Date(e.at).toLocaleTimeString()} · {Math.round(e.ms)} ms
              </span>
              <button className="btn ghost small" onClick={() => onRerun(e)}>
                Re-run
              </button>
              <button className="btn ghost small" onClick={() => onEdit(e)}>
                Edit
              </button>
              <button className="btn ghost small" onClick={() => void curl(e)}>
                curl
              </button>
              <button className="btn ghost small" onClick={() => corpus(e)}>
                Corpus case
              </button>
            </div>
            {exported?.id === e.id && (
              <div className="aa-export">
                <div className="aa-muted">{exported.kind}</div>
                <textarea
                  className="aa-textarea mono"
                  readOnly
                  rows={exported.kind === 'curl' ? 3 : 12}
                  value={exported.text}
                  aria-label={`Exported ${exported.kind}`}
                />
                <button
                  className="btn small"
                  onClick={() => void navigator.clipboard?.writeText(exported.text)}
                >
                  Copy
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
