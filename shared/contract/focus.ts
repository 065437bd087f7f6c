import { z } from 'zod';
import { objectRefSchema, qualifiedNameSchema } from '../model/catalog.js';

/**
 * A place in the studio: a panel and the thing it shows first. The advisor's findings link to one, the renderer's
 * route carries one (`#p=<panel>&f=<target>`), and the panel that owns it scrolls to and highlights that thing.
 */
export const focusTargetSchema = z.discriminatedUnion('view', [
  /** The explorer on an object, on one of its tabs (`grants`, `policies`, `ddl`…) or its first. */
  z.object({ view: z.literal('explorer'), object: objectRefSchema, tab: z.string().nullable() }),
  /** The roles panel with this role selected in the graph and open in the inspector. */
  z.object({ view: z.literal('role'), role: z.string() }),
  /** The grants matrix at object × grantee (a role name, or `PUBLIC`), or the object's row when grantee is null. */
  z.object({ view: z.literal('grant'), object: objectRefSchema, grantee: z.string().nullable() }),
  /** The grants panel's default privileges, for objects this role will create. */
  z.object({ view: z.literal('default-privileges'), owner: z.string() }),
  /** The RLS panel on a table, with one of its policies open in the policy editor (or none). */
  z.object({ view: z.literal('policy'), table: qualifiedNameSchema, policy: z.string().nullable() }),
  /** The connection's PostgREST configuration (Act as), on one of its settings (`db-schemas`, `jwt-secret`…). */
  z.object({ view: z.literal('postgrest-config'), key: z.string() }),
]);
export type FocusTarget = z.infer<typeof focusTargetSchema>;

/** The panel (its id in the URL) that shows each kind of target. */
export const FOCUS_PANEL: Readonly<Record<FocusTarget['view'], string>> = {
  explorer: 'explorer',
  role: 'roles',
  grant: 'grants',
  'default-privileges': 'grants',
  policy: 'rls',
  'postgrest-config': 'act-as',
};
