import { useState } from 'react';
import type { ConnectionStatus } from '../../shared/model/connection.js';
import { asErrorShape } from '../client/index.js';
import { useOpenConnectionMutation } from './queries.js';

/**
 * Shown while the current connection is lost. Reconnecting re-opens the same connection id, so the page keeps
 * its place: the selected object, the navigator filter and anything typed stay as they were.
 */
export function ConnectionLostBanner({ status }: { status: ConnectionStatus }) {
  const open = useOpenConnectionMutation();
  const [error, setError] = useState<string | null>(null);
  const reconnect = async () => {
    setError(null);
    try {
      await open.mutateAsync({ id: status.id });
    } catch (e) {
      const shape = asErrorShape(e);
      setError(`${shape.code}: ${shape.message}${shape.hint ? ` ${shape.hint}` : ''}`);
    }
  };
  return (
    <div className="banner" role="alert">
      <span aria-hidden>⚠</span>
      <span className="grow">
        Connection to <b>{status.name}</b> was lost.{' '}
        <span className="detail">{error ?? status.lastError ?? 'The server stopped answering.'}</span>
      </span>
      <button className="btn small" disabled={open.isPending} onClick={() => void reconnect()}>
        {open.isPending || status.state === 'reconnecting' ? 'Reconnecting…' : 'Reconnect'}
      </button>
    </div>
  );
}
