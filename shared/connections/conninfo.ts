import { GatehouseError } from '../errors.js';

/** libpq keywords we understand; anything else in a URI or conninfo string is refused like libpq does. */
export const KNOWN_KEYWORDS = new Set([
  'host',
  'hostaddr',
  'port',
  'user',
  'dbname',
  'password',
  'passfile',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'service',
  'application_name',
  'fallback_application_name',
  'connect_timeout',
  'options',
  'target_session_attrs',
  'sslcompression',
  'gssencmode',
  'keepalives',
  'keepalives_idle',
]);

export type Conninfo = Record<string, string>;

function malformed(what: string, details: string): GatehouseError {
  return new GatehouseError('GH103', `The connection string is malformed: ${what}.`, {
    details,
    hint: 'Use postgresql://user@host:5432/dbname?sslmode=require, or key=value pairs such as "host=db port=5432".',
  });
}

function decode(text: string, part: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw malformed(`invalid percent-encoding in the ${part}`, `"${text}" is not valid percent-encoding.`);
  }
}

function keyword(key: string, source: string): string {
  // libpq accepts ssl=true in URIs for JDBC compatibility; it means sslmode=require.
  if (!KNOWN_KEYWORDS.has(key) && key !== 'ssl') {
    throw malformed(`unknown parameter "${key}"`, `In ${source}.`);
  }
  return key;
}

/** Parses a postgresql:// or postgres:// URI into libpq keywords (the password stays in the result). */
export function parseUri(uri: string): Conninfo {
  const match = /^(postgres(?:ql)?):\/\/(.*)$/s.exec(uri.trim());
  if (!match)
    throw malformed('it must start with postgresql:// or postgres://', uri.replace(/:[^:@/]*@/, ':***@'));
  let rest = match[2] ?? '';
  const out: Conninfo = {};
  // The query string first, so a '@' or '/' inside it is never mistaken for the authority.
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  rest = q >= 0 ? rest.slice(0, q) : rest;
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : undefined;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostspec = at >= 0 ? authority.slice(at + 1) : authority;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (user) out.user = decode(user, 'user name');
    if (colon >= 0) out.password = decode(userinfo.slice(colon + 1), 'password');
  }
  if (hostspec) {
    if (hostspec.includes(',')) {
      throw malformed(
        'several hosts are not supported',
        `"${hostspec}" lists more than one host; Gatehouse connects to exactly one server.`,
      );
    }
    let host: string;
    let port: string | undefined;
    if (hostspec.startsWith('[')) {
      const close = hostspec.indexOf(']');
      if (close < 0) throw malformed('an IPv6 address is missing its closing "]"', hostspec);
      host = hostspec.slice(1, close);
      const after = hostspec.slice(close + 1);
      if (after && !after.startsWith(':'))
        throw malformed('unexpected text after the IPv6 address', hostspec);
      port = after ? after.slice(1) : undefined;
    } else {
      const colon = hostspec.lastIndexOf(':');
      host = colon >= 0 ? hostspec.slice(0, colon) : hostspec;
      port = colon >= 0 ? hostspec.slice(colon + 1) : undefined;
    }
    if (host) out.host = decode(host, 'host');
    if (port !== undefined) {
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
        throw malformed(`invalid port "${port}"`, 'The port must be a number from 1 to 65535.');
      }
      out.port = port;
    }
  }
  if (path) out.dbname = decode(path, 'database name');
  if (query) {
    for (const pair of query.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0)
        throw malformed(`query parameter "${pair}" has no "=value"`, uri.replace(/:[^:@/]*@/, ':***@'));
      const key = keyword(decode(pair.slice(0, eq), 'query'), 'the URI query');
      const value = decode(pair.slice(eq + 1).replace(/\+/g, ' '), 'query');
      if (key === 'ssl') {
        if (value !== 'true') throw malformed(`ssl=${value}`, 'Only ssl=true is accepted; prefer sslmode=…');
        out.sslmode = 'require';
      } else out[key] = value;
    }
  }
  if (out.port !== undefined && !/^\d{1,5}$/.test(out.port)) {
    throw malformed(`invalid port "${out.port}"`, 'The port must be a number from 1 to 65535.');
  }
  return out;
}

/** Parses libpq's `key=value key2='quoted \' value'` form. */
export function parseKeywordValue(text: string): Conninfo {
  const out: Conninfo = {};
  let i = 0;
  const s = text;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= s.length) break;
    const start = i;
    while (i < s.length && s[i] !== '=' && !/\s/.test(s[i] ?? '')) i++;
    const key = s.slice(start, i);
    skipSpace();
    if (s[i] !== '=')
      throw malformed(`missing "=" after "${key}"`, `At character ${i + 1} of the conninfo string.`);
    i++;
    skipSpace();
    let value = '';
    if (s[i] === "'") {
      i++;
      let closed = false;
      while (i < s.length) {
        const c = s[i];
        if (c === '\\' && i + 1 < s.length) {
          value += s[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed)
        throw malformed('unterminated quoted string', `The value of "${key}" has no closing quote.`);
    } else {
      while (i < s.length && !/\s/.test(s[i] ?? '')) {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i];
        i++;
      }
    }
    out[keyword(key, 'the conninfo string')] = value;
  }
  if (
    out.port !== undefined &&
    (!/^\d{1,5}$/.test(out.port) || Number(out.port) < 1 || Number(out.port) > 65535)
  ) {
    throw malformed(`invalid port "${out.port}"`, 'The port must be a number from 1 to 65535.');
  }
  return out;
}

/** A URI or a key=value string, as libpq accepts both. */
export function parseConnectionString(text: string): Conninfo {
  const t = text.trim();
  if (/^postgres(ql)?:\/\//.test(t)) return parseUri(t);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    throw malformed(
      `unsupported scheme "${t.slice(0, t.indexOf(':'))}"`,
      'Only postgresql:// and postgres:// are accepted.',
    );
  }
  if (t.includes('=')) return parseKeywordValue(t);
  throw malformed(
    'it is neither a postgresql:// URI nor key=value pairs',
    'Example: postgresql://user@localhost:5432/mydb',
  );
}
