import type { CatalogIndex } from './catalog-index.js';
import type { Catalog } from './catalog.js';
import { effectivePrivileges } from './effective-privileges.js';

/**
 * Of `roles`, the one holding the fewest privileges (ties: the first listed), or null when none is in the
 * model: where a new persona starts, so it is never an admin by accident.
 */
export function leastPrivilegedRole(model: Catalog | CatalogIndex, roles: readonly string[]): string | null {
  const index = 'catalog' in model ? model : null;
  const catalog = index ? index.catalog : (model as Catalog);
  let best: { role: string; n: number } | null = null;
  for (const role of roles) {
    if (!catalog.roles.some((r) => r.name === role)) continue;
    const r = catalog.roles.find((x) => x.name === role)!;
    // A superuser or BYPASSRLS role is never the least privileged while another exists.
    const n = r.superuser || r.bypassRls ? Number.MAX_SAFE_INTEGER : effectivePrivileges(model, role).length;
    if (best === null || n < best.n) best = { role, n };
  }
  return best?.role ?? null;
}
