import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import type { Catalog } from './catalog.js';
import { roleRules } from './role-closure.js';

/**
 * Why PostgREST's login cannot become `role` (so the console's Role list leaves it out), or null when it can:
 * the login itself, a membership without SET (16+), or no membership at all.
 */
export function whyNotSwitchable(model: Catalog | CatalogIndex, login: string, role: string): string | null {
  const index = 'catalog' in model ? model : catalogIndex(model);
  if (index.role(login) === undefined) return `the login role ${login} is not in this database's roles`;
  if (index.role(role) === undefined) return `${role} does not exist`;
  if (role === login) return `${role} is the login role itself; requests always switch to another role`;
  const rules = roleRules(index);
  if (rules.hasRole(login, role, 'SET')) return null;
  if (rules.hasRole(login, role, 'MEMBER'))
    return `${login} is a member of ${role} but without the SET option (GRANT ${role} TO ${login} WITH SET TRUE)`;
  return `${login} is not a member of ${role} (GRANT ${role} TO ${login})`;
}
