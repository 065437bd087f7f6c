import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudioContext } from '../core/app/context.js';
import { dispatch } from '../core/app/dispatch.js';
import { listen } from '../core/net/listen.js';
import type { Handlers } from '../core/app/handler.js';
import { HTTP_CALL_PREFIX, HTTP_TOKEN_HEADER, type Envelope } from '../shared/contract/index.js';
import { GatehouseError } from '../shared/errors.js';
import {
  headerToken,
  isSameOriginRequest,
  readCookie,
  tokenCookieName,
  tokenMatches,
} from './request-guard.js';
import { setSecurityHeaders } from './security-headers.js';
import { readStaticFile } from './static-files.js';

export interface BrowserServerOptions {
  readonly handlers: Handlers;
  readonly context: StudioContext;
  /** 0 or absent: a free port chosen by the OS. */
  readonly port?: number;
  /** Only 127.0.0.1 is accepted: the studio holds database credentials and must never face a network. */
  readonly host?: string;
  /** The built renderer; defaults to dist/renderer. */
  readonly staticDir?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
}

export interface RunningBrowserServer {
  /** The address to open once: it carries the token, which the page then trades for a cookie. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_BODY = 1024 * 1024;

/** dist/renderer, seen from server/ (tsx) or dist/server/ (compiled). */
export function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/server → dist/renderer. From source (tsx): server/ → dist/renderer, never the
  // renderer/ source folder, whose index.html points at .tsx files.
  const compiled = basename(dirname(here)) === 'dist';
  return resolve(here, compiled ? '../renderer' : '../dist/renderer');
}

/** Starts the browser-mode host: static renderer plus POST /api/call/<name>, guarded by token, Host and Origin. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<RunningBrowserServer> {
  const host = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) {
    throw new GatehouseError('GH304', `Refusing to listen on ${host}.`, {
      hint: 'Browser mode only listens on 127.0.0.1; use an SSH tunnel to reach it from another machine.',
    });
  }
  const token = randomBytes(32).toString('base64url');
  const staticDir = options.staticDir ?? defaultStaticDir();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent)
        sendError(res, 500, new GatehouseError('GH900', `Unexpected failure: ${message}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    if (!isSameOriginRequest(req, port)) {
      sendError(
        res,
        403,
        new GatehouseError('GH303', 'This request did not come from the studio page.', {
          hint: `Open the studio at http://127.0.0.1:${port}/ with the link printed when it started.`,
        }),
      );
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      await handleApi(req, res, url);
      return;
    }
    await handleStatic(req, res, url);
  }

  function cookieToken(req: IncomingMessage): string | undefined {
    return readCookie(req, tokenCookieName(port));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const authorised =
      tokenMatches(headerToken(req, HTTP_TOKEN_HEADER), token) || tokenMatches(cookieToken(req), token);
    if (!authorised) {
      sendError(
        res,
        401,
        new GatehouseError('GH302', 'The studio token is missing or wrong.', {
          hint: 'Reopen the studio with the link printed by `gatehouse start`.',
        }),
      );
      return;
    }
    if (!url.pathname.startsWith(HTTP_CALL_PREFIX)) {
      sendError(res, 404, new GatehouseError('GH301', `No such API route: ${url.pathname}.`));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, new GatehouseError('GH300', 'Studio calls must be POST requests.'));
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') {
      sendError(
        res,
        415,
        new GatehouseError('GH300', 'Studio calls must send a JSON body.', {
          hint: 'Set Content-Type: application/json.',
        }),
      );
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length));
    } catch {
      sendError(res, 400, new GatehouseError('GH300', 'The call name is not valid.'));
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      sendError(
        res,
        413,
        new GatehouseError('GH300', `The request body exceeds ${maxBodyBytes} bytes.`, {
          hint: 'Send less data in one call.',
        }),
      );
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      sendError(
        res,
        400,
        new GatehouseError('GH300', 'The request body is not valid JSON.', {
          details: error instanceof Error ? error.message : null,
        }),
      );
      return;
    }
    const envelope = await dispatch(options.handlers, options.context, name, input);
    sendJson(res, 200, envelope);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    const queryToken = url.searchParams.get('token') ?? undefined;
    const viaQuery = tokenMatches(queryToken, token);
    if (!viaQuery && !tokenMatches(cookieToken(req), token)) {
      sendText(
        res,
        401,
        'Gatehouse: this page needs the studio token. Open the link printed by `gatehouse start` (GH302).',
      );
      return;
    }
    if (viaQuery) {
      res.setHeader('Set-Cookie', `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const file = await readStaticFile(staticDir, url.pathname);
    if (file === null) {
      sendText(res, 404, 'Not found.');
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', file.body.length);
    res.setHeader('Cache-Control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await listen(server, options.port ?? 0, LOOPBACK);
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolveBody('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolveBody('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: GatehouseError): void {
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, status, { ok: false, error: error.toJSON() });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}
