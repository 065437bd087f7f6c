import { useCallback, useState } from 'react';
import type { ConnectionParams, SslMode } from '../../shared/model/connection.js';
import type { ErrorCode } from '../../shared/errors.js';

/** What the user has typed in the connection form, kept across reconnects and panel switches. */
export interface ConnectionDraft {
  name: string;
  mode: 'uri' | 'fields';
  uri: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode | '';
}

export const emptyDraft: ConnectionDraft = {
  name: '',
  mode: 'fields',
  uri: '',
  host: '127.0.0.1',
  port: '5432',
  database: '',
  user: '',
  password: '',
  sslmode: '',
};

export type DraftField = Exclude<keyof ConnectionDraft, 'mode'>;

/** Form → contract params; returns the field at fault instead when the form itself is wrong. */
export function draftToParams(
  d: ConnectionDraft,
): { params: ConnectionParams } | { field: DraftField; message: string } {
  if (d.mode === 'uri') {
    if (d.uri.trim() === '')
      return { field: 'uri', message: 'Paste a postgres:// URI or key=value connection string.' };
    return { params: { uri: d.uri.trim(), ...(d.password ? { password: d.password } : {}) } };
  }
  const params: ConnectionParams = {};
  if (d.host.trim()) params.host = d.host.trim();
  if (d.port.trim()) {
    const port = Number(d.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { field: 'port', message: 'The port is a number between 1 and 65535.' };
    }
    params.port = port;
  }
  if (d.database.trim()) params.database = d.database.trim();
  if (d.user.trim()) params.user = d.user.trim();
  if (d.password) params.password = d.password;
  if (d.sslmode) params.sslmode = d.sslmode;
  return { params };
}

/** Which field an error from the connections capability points at, so the form can mark it. */
export function fieldForError(code: ErrorCode, mode: ConnectionDraft['mode']): DraftField | null {
  if (mode === 'uri' && ['GH100', 'GH103', 'GH109'].includes(code)) return 'uri';
  switch (code) {
    case 'GH100':
      return 'host';
    case 'GH101':
    case 'GH110':
      return 'password';
    case 'GH103':
      return 'uri';
    case 'GH106':
      return 'sslmode';
    case 'GH109':
      return 'database';
    default:
      return null;
  }
}

const STORAGE_KEY = 'gatehouse.connection-draft';

function loadDraft(): ConnectionDraft {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw) return { ...emptyDraft, ...(JSON.parse(raw) as Partial<ConnectionDraft>), password: '' };
  } catch {
    // A broken stored draft is just forgotten.
  }
  return emptyDraft;
}

/** The draft survives a reload of the tab, except the password, which only ever lives in memory. */
export function useConnectionDraft(): [ConnectionDraft, (patch: Partial<ConnectionDraft>) => void] {
  const [draft, setDraft] = useState<ConnectionDraft>(loadDraft);
  const update = useCallback((patch: Partial<ConnectionDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...next, password: '' }));
      } catch {
        // Not persisted; the draft still lives in this page.
      }
      return next;
    });
  }, []);
  return [draft, update];
}
