import { useState } from 'react';
import type { ConnectionStatus } from '../../shared/model/connection.js';
import { asErrorShape } from '../client/index.js';

/**
 * Shown while the current connection is lost. Reconnecting uses the same connection id (the manager
 * replaces its pool on the next use), so the page keeps its place: the selected object, the navigator
 * filter and anything typed stay as they were.
 */
export function ConnectionLostBanner({
  status,
  onReconnect,
}: {
  status: ConnectionStatus;
  onReconnect(): Promise<void>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reconnect = async () => {
    setError(null);
    setPending(true);
    try {
      await onReconnect();
    } catch (e) {
      const shape = asErrorShape(e);
      setError(`${shape.code}: ${shape.message}${shape.hint ? ` ${shape.hint}` : ''}`);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="banner" role="alert" aria-label="Connection lost">
      <span aria-hidden>⚠</span>
      <span className="grow">
        Connection to <b>{status.name}</b> was lost.{' '}
        <span className="detail">{error ?? status.lastError ?? 'The server stopped answering.'}</span>
      </span>
      <button className="btn small" disabled={pending} onClick={() => void reconnect()}>
        {pending || status.state === 'reconnecting' ? 'Reconnecting…' : 'Reconnect'}
      </button>
    </div>
  );
}
