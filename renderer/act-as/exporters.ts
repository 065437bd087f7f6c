import type { Json } from './json-locate.js';

/** A request the console sent (or will send). */
export interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | null;
}

/** How the persona was given: claims (signed), a literal token, or nobody. */
export type ExportPersona =
  | { readonly type: 'claims'; readonly claims: Record<string, Json> }
  | { readonly type: 'jwt'; readonly token: string }
  | { readonly type: 'anon' };

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The same request as a curl command against a real PostgREST (the URL the user gives). `token` is the signed JWT
 * for claims personas (minted by the studio); without one a `$TOKEN` placeholder is left.
 */
export function toCurl(
  baseUrl: string,
  req: ConsoleRequest,
  persona: ExportPersona,
  token: string | null,
): string {
  const url = baseUrl.replace(/\/+$/, '') + req.path;
  const parts = ['curl', '-i'];
  if (req.method !== 'GET') parts.push('-X', req.method);
  parts.push(shellQuote(url));
  const auth =
    persona.type === 'jwt' ? persona.token : persona.type === 'claims' ? (token ?? '$TOKEN') : null;
  if (auth !== null)
    parts.push(
      '-H',
      auth === '$TOKEN' ? '"Authorization: Bearer $TOKEN"' : shellQuote(`Authorization: Bearer ${auth}`),
    );
  for (const [k, v] of req.headers)
    if (k.toLowerCase() !== 'authorization') parts.push('-H', shellQuote(`${k}: ${v}`));
  if (req.body !== null && req.body !== '') {
    if (!req.headers.some(([k]) => k.toLowerCase() === 'content-type'))
      parts.push('-H', shellQuote('Content-Type: application/json'));
    parts.push('--data-binary', shellQuote(req.body));
  }
  return parts.join(' ');
}

/** The answer a corpus case expects. */
export interface ExportResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

const KEPT_HEADERS = ['content-range', 'location', 'preference-applied', 'content-type'];

/**
 * The request and its answer as a conformance case (format of test/postgrest-cases/README.md): claims rather
 * than tokens, the body as JSON when it parses, the expectation from the observed response.
 */
export function toCorpusCase(input: {
  id: string;
  note: string;
  request: ConsoleRequest;
  persona: ExportPersona;
  response: ExportResponse;
}): Record<string, unknown> {
  const { request, persona, response } = input;
  const headers: Record<string, string> = {};
  for (const [k, v] of request.headers) if (k.toLowerCase() !== 'authorization') headers[k] = v;
  const req: Record<string, unknown> = { method: request.method, path: request.path, headers };
  if (request.body !== null && request.body !== '') {
    try {
      req.body = JSON.parse(request.body) as unknown;
    } catch {
      req.bodyText = request.body;
    }
  }
  const expectHeaders: Record<string, string> = {};
  for (const [k, v] of response.headers) if (KEPT_HEADERS.includes(k.toLowerCase())) expectHeaders[k] = v;
  const expect: Record<string, unknown> = { status: response.status, headers: expectHeaders };
  let parsed: unknown = null;
  let isJson: boolean;
  try {
    parsed = JSON.parse(response.body);
    isJson = response.body !== '';
  } catch {
    isJson = false;
  }
  if (isJson && response.status >= 400 && parsed && typeof parsed === 'object' && 'code' in parsed)
    expect.bodyIncludes = { code: (parsed as { code: unknown }).code };
  else if (isJson) expect.body = parsed;
  else expect.bodyText = response.body;
  const family = input.id.split('.')[0] ?? 'read';
  const out: Record<string, unknown> = {
    id: input.id,
    set: 'dev',
    family,
    note: input.note,
    source: 'recorded with the Gatehouse act-as console',
    request: req,
    claims: persona.type === 'claims' ? persona.claims : null,
  };
  if (persona.type === 'jwt') out.jwt = { raw: `Bearer ${persona.token}` };
  out.expect = expect;
  return out;
}
