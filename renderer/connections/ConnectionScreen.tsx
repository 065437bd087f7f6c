import { useState } from 'react';
import type { ConnectionStatus, SavedConnection } from '../../shared/model/connection.js';
import { WhoamiBadges } from './WhoamiBadges.js';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { Loading } from '../shell/EmptyState.js';
import { ConnectionForm } from './ConnectionForm.js';
import type { ConnectionDraft } from './draft.js';
import {
  useCloseConnectionMutation,
  useConnectionsQuery,
  useDeleteConnectionMutation,
  useOpenConnectionMutation,
} from './queries.js';

export function describeSaved(c: SavedConnection): string {
  const p = c.params;
  if (p.service) return `service=${p.service}`;
  return `${p.user ?? ''}${p.user ? '@' : ''}${p.host ?? 'localhost'}${p.port ? `:${p.port}` : ''}/${p.database ?? ''}`;
}

/** The first thing a user sees: saved connections on the left, a new one on the right. */
export function ConnectionScreen({
  draft,
  update,
  onOpened,
  openConnections = [],
}: {
  draft: ConnectionDraft;
  update(patch: Partial<ConnectionDraft>): void;
  onOpened(id: string): void;
  openConnections?: readonly ConnectionStatus[];
}) {
  const saved = useConnectionsQuery();
  const close = useCloseConnectionMutation();
  const open = useOpenConnectionMutation();
  const remove = useDeleteConnectionMutation();
  const [failure, setFailure] = useState<{ id: string; error: ReturnType<typeof asErrorShape> } | null>(null);

  const openSaved = async (id: string) => {
    setFailure(null);
    try {
      const r = await open.mutateAsync({ id });
      onOpened(r.id);
    } catch (e) {
      setFailure({ id, error: asErrorShape(e) });
    }
  };

  return (
    <div className="connect-screen">
      <div className="connect-intro">
        <h1>Connect to PostgreSQL</h1>
        <p>
          Gatehouse reads the roles, grants and row level security of the database behind your PostgREST API.
          Connect as the role that owns the API schema, not a superuser: superusers bypass RLS, so what they
          see is not what API users see.
        </p>
      </div>
      <div className="connect-grid">
        <div className="connect-side">
          {openConnections.length > 0 && (
            <section className="card" aria-label="Open connections">
              <div className="card-head">
                <h2>Open connections</h2>
                <p>Switch to one, or disconnect it.</p>
              </div>
              <ul className="saved-list">
                {openConnections.map((c) => (
                  <li key={c.id}>
                    <div className="saved-item">
                      <span className={`dot ${c.state}`} aria-hidden />
                      <div className="meta">
                        <div className="n">
                          {c.name} <WhoamiBadges whoami={c.whoami} />
                        </div>
                        <div className="s">
                          {c.whoami.currentUser}@{c.whoami.host}:{c.whoami.port}/{c.whoami.database}
                        </div>
                      </div>
                      <button
                        className="btn small"
                        onClick={() => onOpened(c.id)}
                        aria-label={`Switch to ${c.name}`}
                      >
                        Switch
                      </button>
                      <button
                        className="btn small ghost danger"
                        onClick={() => close.mutate({ id: c.id })}
                        aria-label={`Disconnect ${c.name}`}
                        title="Close this connection and its pool"
                      >
                        Disconnect
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="card" aria-label="Saved connections">
            <div className="card-head">
              <h2>Saved connections</h2>
              <p>Open one, or create a connection on the right.</p>
            </div>
            {saved.isPending && <Loading />}
            {saved.error && (
              <div className="card-body">
                <ErrorCallout error={asErrorShape(saved.error)} />
              </div>
            )}
            {saved.data && saved.data.connections.length === 0 && (
              <div className="card-body">
                <p className="muted-text">
                  No saved connections yet. Fill in the form and press <b>Save</b> to keep one here.
                </p>
              </div>
            )}
            {saved.data && saved.data.connections.length > 0 && (
              <ul className="saved-list">
                {saved.data.connections.map((c) => (
                  <li key={c.id}>
                    <div className="saved-item">
                      <span className="kind-icon kind-schema" aria-hidden>
                        PG
                      </span>
                      <div className="meta">
                        <div className="n">{c.name}</div>
                        <div className="s">{describeSaved(c)}</div>
                      </div>
                      <button
                        className="btn small primary"
                        disabled={open.isPending}
                        onClick={() => void openSaved(c.id)}
                        aria-label={`Open ${c.name}`}
                      >
                        Open
                      </button>
                      <button
                        className="btn small ghost danger"
                        onClick={() => remove.mutate({ id: c.id })}
                        aria-label={`Delete ${c.name}`}
                        title="Forget this connection and its stored password"
                      >
                        ✕
                      </button>
                    </div>
                    {failure?.id === c.id && <ErrorCallout error={failure.error} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <ConnectionForm draft={draft} update={update} onOpened={onOpened} />
      </div>
    </div>
  );
}
