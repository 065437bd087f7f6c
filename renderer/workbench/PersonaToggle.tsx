import { useEffect, useMemo, useRef, useState } from 'react';
import type { Catalog } from '../../shared/model/catalog.js';
import { consoleApi, type SavedPersona } from '../act-as/api.js';
import { ANONYMOUS, toContractPersona } from '../act-as/personas.js';
import { asErrorShape, useClient } from '../client/index.js';
import type { PageCache } from './data-pages.js';
import { visibilityRequest, visibleKeys } from './persona-view.js';
import { plural } from '../../shared/text/plural.js';

/**
 * "As persona…": the same rows, asked of the act-as simulator (GET /table?select=<key>&<key>=in.(…) as the persona,
 * rolled back); rows the persona does not get are dimmed in the grid. Keys are matched by primary key.
 */
export function PersonaToggle({
  connectionId,
  relation,
  primaryKey,
  columns,
  cache,
  catalog,
  generation,
  onHidden,
}: {
  connectionId: string;
  relation: { schema: string; name: string };
  primaryKey: readonly string[];
  columns: readonly string[];
  cache: PageCache;
  catalog: Catalog | null;
  generation: number;
  onHidden: (hidden: Set<string> | null) => void;
}) {
  const client = useClient();
  const [personas, setPersonas] = useState<SavedPersona[]>([]);
  const [chosen, setChosen] = useState<string>('');
  const [status, setStatus] = useState<string | null>(null);
  const hidden = useRef(new Set<string>());
  const asked = useRef(new Set<number>());
  useEffect(() => {
    consoleApi
      .personas(client, connectionId)
      .then((r) => setPersonas(r.personas))
      .catch(() => undefined);
  }, [client, connectionId]);
  const list = useMemo(() => [ANONYMOUS, ...personas], [personas]);
  const persona = list.find((p) => p.id === chosen) ?? null;

  // a new persona or a new query: ask again from scratch
  useEffect(() => {
    hidden.current = new Set();
    asked.current = new Set();
    onHidden(persona ? new Set() : null);
    setStatus(null);
  }, [persona, generation, onHidden]);

  const pages = cache.loadedPages();
  const pagesKey = pages.join(',');
  useEffect(() => {
    if (!persona) return;
    if (primaryKey.length === 0) {
      setStatus('Rows are matched by primary key: this relation has none.');
      return;
    }
    const resolved = toContractPersona(persona, { roles: catalog?.roles.map((r) => r.name) ?? [] });
    if ('error' in resolved) {
      setStatus(`${persona.name}: ${resolved.error}`);
      return;
    }
    for (const page of pages) {
      if (asked.current.has(page)) continue;
      asked.current.add(page);
      const rows = cache.page(page) ?? [];
      if (rows.length === 0) continue;
      const keys = rows.map((r) => primaryKey.map((k) => r[columns.indexOf(k)] ?? null));
      const req = visibilityRequest(relation, primaryKey, keys);
      consoleApi
        .request(client, {
          connectionId,
          method: 'GET',
          path: req.path,
          headers: req.headers,
          body: null,
          persona: resolved.persona,
          commit: false,
        })
        .then((r) => {
          if (r.response.status >= 400) {
            setStatus(`${persona.name} gets ${r.response.status}: ${r.response.body.slice(0, 200)}`);
            return;
          }
          const seen = visibleKeys(r.response.body, primaryKey);
          for (const k of keys) {
            const text = JSON.stringify(k);
            if (!seen.has(text)) hidden.current.add(text);
          }
          onHidden(new Set(hidden.current));
          setStatus(
            `Dimmed: ${hidden.current.size} loaded ${plural(hidden.current.size, 'row')} ${persona.name} cannot see.`,
          );
        })
        .catch((e: unknown) => setStatus(asErrorShape(e).message));
    }
    // pagesKey stands for the loaded pages
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [persona, pagesKey, primaryKey, columns, relation, connectionId, client, catalog]);

  return (
    <span className="wb-row">
      <label className="wb-muted">
        As persona{' '}
        <select
          className="select wb-control"
          aria-label="As persona"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
        >
          <option value="">— (the developer)</option>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {status && (
        <span className="wb-muted" role="status" aria-label="Persona view">
          {status}
        </span>
      )}
    </span>
  );
}
