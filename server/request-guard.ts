import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie carrying the token; cookies ignore ports, so the port keeps two studios apart. */
export function tokenCookieName(port: number): string {
  return `gatehouse_token_${port}`;
}

/** Hosts a browser may name when it talks to us: anything else is a DNS-rebinding attempt. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Host must be ours and Origin, when the browser sends one, must be the same origin. */
export function isSameOriginRequest(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  const hosts = allowedHosts(port);
  if (host === undefined || !hosts.includes(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${host}`;
}

/** Constant-time comparison so the token cannot be guessed byte by byte from response timings. */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function headerToken(req: IncomingMessage, header: string): string | undefined {
  const value = req.headers[header];
  return typeof value === 'string' ? value : undefined;
}
