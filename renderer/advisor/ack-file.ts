import { useCallback, useState } from 'react';

const KEY = (connectionId: string) => `gatehouse.advisor.ackFile.${connectionId}`;

/**
 * The acknowledgements file the studio uses for a connection whose postgrest.conf was pasted (so there is no
 * file to sit beside): a path the user gives once, kept in localStorage. null: the host's default.
 */
export function useAckFile(
  connectionId: string,
  storage: Storage = localStorage,
): [string | null, (file: string | null) => void] {
  const [file, setFile] = useState<string | null>(() => storage.getItem(KEY(connectionId)));
  const set = useCallback(
    (next: string | null) => {
      if (next === null) storage.removeItem(KEY(connectionId));
      else storage.setItem(KEY(connectionId), next);
      setFile(next);
    },
    [connectionId, storage],
  );
  return [file, set];
}
