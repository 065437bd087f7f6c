import type { SavedPersona } from '../../shared/contract/act-as-console.js';
import type { Draft } from './RequestBuilder.js';

/** What a shown answer was for: the request as sent and the persona it ran as. */
export interface AnsweredFor {
  readonly request: Draft;
  readonly persona: SavedPersona;
}

const samePersona = (a: SavedPersona, b: SavedPersona): boolean =>
  a.id === b.id &&
  a.kind === b.kind &&
  a.claims === b.claims &&
  a.token === b.token &&
  JSON.stringify(a.headers ?? []) === JSON.stringify(b.headers ?? []);

/**
 * Why the shown answer no longer matches what would be sent now (null: it does): the persona, method, path,
 * headers or body changed since it ran. Each change is named, so the dimmed answer says what it was for.
 */
export function staleReasons(shown: AnsweredFor, now: AnsweredFor): string[] {
  const out: string[] = [];
  if (shown.persona.id !== now.persona.id) out.push(`persona (was ${shown.persona.name})`);
  else if (!samePersona(shown.persona, now.persona)) out.push(`persona ${now.persona.name} edited`);
  if (shown.request.method !== now.request.method) out.push(`method (was ${shown.request.method})`);
  if (shown.request.path !== now.request.path) out.push(`path (was ${shown.request.path})`);
  if (JSON.stringify(shown.request.headers) !== JSON.stringify(now.request.headers)) out.push('headers');
  if (shown.request.body !== now.request.body) out.push('body');
  return out;
}
