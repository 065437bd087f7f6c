import type { FindingLink } from '../../shared/contract/advisor.js';
import type { ObjectRef } from '../../shared/model/catalog.js';

/** Where each finding sends the studio (shared/contract/focus.ts): the panel that shows its object best. */
export const links = {
  /** The role graph, that role selected. */
  role: (role: string): FindingLink => ({ view: 'role', role }),
  /** The grants matrix at object × grantee (`PUBLIC` for PUBLIC). */
  grant: (object: ObjectRef, grantee: string | null): FindingLink => ({ view: 'grant', object, grantee }),
  /** Default privileges for the objects `owner` will create. */
  defaults: (owner: string): FindingLink => ({ view: 'default-privileges', owner }),
  /** The RLS panel on a table, with that policy open in the editor. */
  policy: (schema: string, table: string, policy: string | null = null): FindingLink => ({
    view: 'policy',
    table: { schema, name: table },
    policy,
  }),
  explorer: (object: ObjectRef, tab: string | null = null): FindingLink => ({
    view: 'explorer',
    object,
    tab,
  }),
  /** A postgrest.conf setting, in the connection's PostgREST configuration (Act as) where it is changed. */
  config: (key: string): FindingLink => ({ view: 'postgrest-config', key }),
};
