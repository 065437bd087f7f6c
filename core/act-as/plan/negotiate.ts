/** Content negotiation (PostgREST Plan/Negotiate.hs) with the built-in media handlers only. */
import { pgrst } from '../errors/index.js';
import type { ApiRequest, MediaType } from '../request/types.js';
import { toMime } from '../request/media-types.js';
import type { MediaHandler } from './types.js';

/** The Content-Type header value PostgREST sends for a media type. */
export function contentTypeOf(mt: MediaType): string {
  const mime = toMime(mt);
  return mt.type === 'octet-stream' || mt.type === 'other' ? mime : `${mime}; charset=utf-8`;
}

function builtin(mt: MediaType): [MediaHandler, MediaType] | null {
  switch (mt.type) {
    case 'singular':
      return [{ type: 'single', stripNulls: mt.stripNulls }, mt];
    case 'array-stripped':
      return [{ type: 'json-strip' }, mt];
    case 'any':
    case 'json':
      return [{ type: 'json' }, { type: 'json' }];
    case 'csv':
      return [{ type: 'csv' }, mt];
    case 'geojson':
      return [{ type: 'geojson' }, mt];
    default:
      return null;
  }
}

/**
 * An execution plan media type takes the handler of its `for` type (singular and stripped arrays keep their own),
 * and only when db-plan-enabled is on: otherwise it matches nothing (Negotiate.hs mtPlanToNothing).
 */
function matchMediaType(mt: MediaType, planEnabled: boolean): [MediaHandler, MediaType] | null {
  if (mt.type !== 'plan') return builtin(mt);
  if (!planEnabled) return null;
  const inner = builtin(mt.for);
  return inner ? [inner[0], mt] : null;
}

export function negotiate(req: ApiRequest, planEnabled = false): [MediaHandler, MediaType] {
  const accepts = req.acceptMediaTypes.length ? req.acceptMediaTypes : [{ type: 'any' } as const];
  let pick: [MediaHandler, MediaType] | null = null;
  for (const a of accepts) {
    pick = matchMediaType(a, planEnabled);
    if (pick) break;
  }
  if (!pick) throw pgrst.mediaType(accepts.map(toMime));
  const act = req.action;
  if (act.type === 'relation-mut') {
    return [req.preferences.representation === 'full' ? pick[0] : { type: 'none' }, pick[1]];
  }
  if (act.type === 'relation-read' && act.headersOnly) return [{ type: 'none' }, pick[1]];
  if (act.type === 'routine' && act.invokeMethod.type === 'read' && act.invokeMethod.headersOnly) {
    return [{ type: 'none' }, pick[1]];
  }
  return pick;
}
