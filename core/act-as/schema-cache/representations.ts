/**
 * PostgREST's data representations (SchemaCache/Representations.hs): the implicit function casts between a domain
 * and json or text that the schema cache's role may execute, keyed by (source type, target type). The planner
 * applies them to output columns (domain → json), JSON bodies (json → domain) and query-string values (text →
 * domain). Derived from the catalog model's casts, so a schema cache built from the model carries them too.
 */
import type { Cast } from '../../../shared/model/catalog.js';

/** Function SQL names by `representationKey(source, target)`. */
export type Representations = ReadonlyMap<string, string>;

export const representationKey = (source: string, target: string): string => `${source}\u0000${target}`;

const JSON_OR_TEXT = new Set(['json', 'text']);

export function representationsFrom(
  casts: readonly Cast[],
  executable: (cast: Cast) => boolean = () => true,
): Representations {
  const out = new Map<string, string>();
  for (const c of casts) {
    if (c.context !== 'implicit' || c.method !== 'function' || c.function === null || !executable(c))
      continue;
    const fromDomain = c.sourceIsDomain && JSON_OR_TEXT.has(c.targetType);
    const toDomain = c.targetIsDomain && JSON_OR_TEXT.has(c.sourceType);
    if (fromDomain || toDomain) out.set(representationKey(c.sourceType, c.targetType), c.function.sql);
  }
  return out;
}
