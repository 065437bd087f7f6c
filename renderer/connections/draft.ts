import { useCallback, useState } from 'react';
import { parseConnectionString } from '../../shared/connections/conninfo.js';
import { GatehouseError, type ErrorCode } from '../../shared/errors.js';
import { sslModeSchema, type ConnectionParams, type SslMode } from '../../shared/model/connection.js';

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

/** The libpq keywords the form has a field for; a URI with others stays a URI. */
const FIELD_KEYWORDS = new Set(['host', 'port', 'dbname', 'user', 'password', 'sslmode']);

/** postgres://user@host:port/db?sslmode=… from the fields (the password stays in its own field). */
export function fieldsToUri(d: ConnectionDraft): string {
  const host = d.host.trim();
  const user = d.user.trim();
  const database = d.database.trim();
  const port = d.port.trim();
  const hostPart = host.includes(':') ? `[${host}]` : encodeURIComponent(host);
  return (
    'postgres://' +
    (user ? `${encodeURIComponent(user)}@` : '') +
    hostPart +
    (port ? `:${port}` : '') +
    (database ? `/${encodeURIComponent(database)}` : '') +
    (d.sslmode ? `?sslmode=${d.sslmode}` : '')
  );
}

/**
 * The fields a URI (or key=value string) stands for, to switch the form from URI to fields without losing what
 * was typed. A password in the URI moves to the password field. Refused, with the reason, when the string does
 * not parse or carries options the fields cannot show (they would be lost).
 */
export function uriToFields(uri: string):
  | {
      fields: Pick<ConnectionDraft, 'host' | 'port' | 'database' | 'user' | 'sslmode'> & {
        password?: string;
      };
    }
  | { problem: string } {
  let info: Record<string, string>;
  try {
    info = parseConnectionString(uri);
  } catch (e) {
    return { problem: e instanceof GatehouseError ? e.message : String(e) };
  }
  const extra = Object.keys(info).filter((k) => !FIELD_KEYWORDS.has(k));
  if (extra.length > 0)
    return {
      problem: `The fields have no place for ${extra.join(', ')}: keep using the URI to connect with them.`,
    };
  const sslmode = sslModeSchema.safeParse(info.sslmode);
  if (info.sslmode !== undefined && !sslmode.success)
    return { problem: `sslmode=${info.sslmode} is not one of ${sslModeSchema.options.join(', ')}.` };
  return {
    fields: {
      host: info.host ?? '',
      port: info.port ?? '',
      database: info.dbname ?? '',
      user: info.user ?? '',
      sslmode: sslmode.success ? sslmode.data : '',
      ...(info.password !== undefined ? { password: info.password } : {}),
    },
  };
}

/**
 * What switching the form to `mode` changes: the other side rewritten from what was typed, so nothing is lost.
 * Fields → URI always works; URI → fields keeps the fields as they were and says why when the URI cannot be
 * shown as fields (or is empty).
 */
export function switchMode(
  d: ConnectionDraft,
  mode: ConnectionDraft['mode'],
): { patch: Partial<ConnectionDraft>; problem: string | null } {
  if (mode === d.mode) return { patch: {}, problem: null };
  if (mode === 'uri') {
    // Only what the user typed: the default host and port alone would turn an empty URI into a useless one.
    const typed = (['host', 'port', 'database', 'user', 'sslmode'] as const).some(
      (k) => d[k].trim() !== emptyDraft[k],
    );
    return { patch: typed ? { mode, uri: fieldsToUri(d) } : { mode }, problem: null };
  }
  if (d.uri.trim() === '') return { patch: { mode }, problem: null };
  const r = uriToFields(d.uri);
  if ('problem' in r) return { patch: { mode }, problem: r.problem };
  const { password, ...fields } = r.fields;
  // A password written into the URI moves to the password field (it is never kept in the stored draft).
  return {
    patch: { mode, ...fields, ...(password !== undefined && d.password === '' ? { password } : {}) },
    problem: null,
  };
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
