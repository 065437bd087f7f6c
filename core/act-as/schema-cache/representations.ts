/**
 * PostgREST's data representations (SchemaCache.hs dataRepresentations): the implicit function casts between a
 * domain and json or text that the schema cache's role may execute, keyed by (source type, target type). The
 * planner applies them to output columns (domain → json), JSON bodies (json → domain) and query-string values
 * (text → domain). Derived from the catalog model's casts (representationsOfModel) like the rest of the cache.
 */
import { GatehouseError } from '../../../shared/errors.js';
import type { Cast, Catalog } from '../../../shared/model/catalog.js';
import { hasFunctionPrivilege } from '../../../shared/model/privileges.js';

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
    if (c.context !== 'implicit' || c.method !== 'function' || c.function === null) continue;
    const fromDomain = c.sourceIsDomain && JSON_OR_TEXT.has(c.targetType);
    const toDomain = c.targetIsDomain && JSON_OR_TEXT.has(c.sourceType);
    // The privilege check last: only the few casts that qualify cost a look at the grants.
    if ((fromDomain || toDomain) && executable(c))
      out.set(representationKey(c.sourceType, c.targetType), c.function.sql);
  }
  return out;
}

/**
 * The representations of a model, as PostgREST's role sees them: `has_function_privilege(castfunc, 'execute')`
 * for the role that read the model (the act-as login: serve reads it through the login's pool, the studio
 * through the connection act-as logs in as), answered from the model's grants.
 */
export function representationsOfModel(catalog: Catalog): Representations {
  const reader = catalog.server.currentUser;
  return representationsFrom(catalog.casts ?? [], (c) => {
    if (c.function === null) return false;
    try {
      return hasFunctionPrivilege(catalog, reader, c.function);
    } catch (e) {
      // A cast function outside the model's schemas, or a reader the model lacks (GH211 / GH210): the model
      // cannot say, and EXECUTE is PUBLIC's unless revoked, so the cast counts.
      if (e instanceof GatehouseError && (e.code === 'GH210' || e.code === 'GH211')) return true;
      throw e;
    }
  });
}
