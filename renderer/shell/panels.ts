import { lazy, type ComponentType } from 'react';
import type { FocusTarget } from '../../shared/contract/focus.js';
import type { ObjectRef } from '../../shared/model/catalog.js';

/**
 * What every panel gets: the open connection, a way to jump to a catalog object in the explorer or to any place
 * in the studio, and the place the route asks this panel to show (when a link led here).
 */
export interface PanelProps {
  readonly connectionId: string;
  /** `tab` opens one of the explorer's tabs on it (`grants`, `policies`…). */
  readonly openObject: (ref: ObjectRef, tab?: string) => void;
  /** Opens the panel that shows the target, focused on it (shell/route.ts routeTo). */
  readonly open?: (target: FocusTarget) => void;
  /**
   * This panel's focus from the route, or null. A panel that has one selects, scrolls to and highlights it;
   * a new object (another link followed) focuses again.
   */
  readonly focus?: FocusTarget | null;
}

export interface PanelDefinition {
  /** Stable id used in the URL (`#p=<id>`). */
  readonly id: string;
  readonly title: string;
  /** One line, shown as the tab's tooltip. */
  readonly description: string;
  /** Lazy-load heavy panels with React.lazy so the first paint stays small. */
  readonly component: ComponentType<PanelProps>;
}

/**
 * The capability panels beside the built-in explorer (act-as console, roles, RLS, diff, advisor…).
 * A new capability adds one entry here; the shell renders a tab for it and hosts it in the main area.
 */
export const panels: readonly PanelDefinition[] = [
  {
    id: 'sql',
    title: 'SQL',
    description:
      'The SQL editor as the connected developer role: every run in a transaction, writes wait for Commit.',
    component: lazy(() => import('../workbench/WorkbenchPanel.js')),
  },
  {
    id: 'act-as',
    title: 'Act as',
    description:
      'What does a persona get when calling this? Requests and SQL as a role with claims, rolled back.',
    component: lazy(() => import('../act-as/ActAsPanel.js')),
  },
  {
    id: 'roles',
    title: 'Roles',
    description:
      'The role graph and the PostgREST shape: design roles and memberships, see what each can reach.',
    component: lazy(() => import('../roles/RolesPanel.js')),
  },
  {
    id: 'grants',
    title: 'Grants',
    description:
      'Objects × roles: effective privileges (direct, inherited, PUBLIC), edited cell by cell; default privileges.',
    component: lazy(() => import('../grants/GrantsPanel.js')),
  },
  {
    id: 'rls',
    title: 'RLS',
    description:
      'Row level security: policies with warnings, who sees what (previewed before apply), why this row.',
    component: lazy(() => import('../rls/RlsPanel.js')),
  },
  {
    id: 'diff',
    title: 'Diff',
    description:
      'Compare a database with another, a snapshot or a folder of .sql: what changes for whom, the ordered migration.',
    component: lazy(() => import('../diff/DiffPanel.js')),
  },
  {
    id: 'advisor',
    title: 'Advisor',
    description:
      'What each request role can reach over HTTP, and the mistakes in the way — each with its fix.',
    component: lazy(() => import('../advisor/AdvisorPanel.js')),
  },
];
