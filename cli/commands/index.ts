import type { CommandEntry } from '../command.js';

/** Every subcommand, in the order `gatehouse --help` lists them. One file per command beside this one. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'start',
    summary: 'Start the embedded demo database and open the studio in your browser.',
    load: async () => (await import('./start.js')).startCommand,
  },
  {
    name: 'request',
    summary: 'Answer one HTTP request as PostgREST would, as a persona (rolled back unless --commit).',
    load: async () => (await import('./request.js')).requestCommand,
  },
  {
    name: 'serve',
    summary: 'Serve a PostgREST-compatible endpoint on 127.0.0.1, answered by the act-as simulator.',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'conformance',
    summary: 'Run PostgREST conformance cases against the act-as simulator.',
    load: async () => (await import('./conformance.js')).conformanceCommand,
  },
  {
    name: 'catalog',
    summary: 'Read a database catalog (roles, objects, grants, policies) and print it.',
    load: async () => (await import('./catalog.js')).catalogCommand,
  },
  {
    name: 'apply',
    summary:
      'Apply a .sql file in one transaction (nothing half-applied), as the studio applies a change set.',
    load: async () => (await import('./apply.js')).applyCommand,
  },
  {
    name: 'roles',
    summary: 'Print the role graph (attributes, memberships with options) and the PostgREST shape it holds.',
    load: async () => (await import('./roles.js')).rolesCommand,
  },
  {
    name: 'grants',
    summary: 'Print what one role can do on each object and why (direct, inherited via, PUBLIC, owner).',
    load: async () => (await import('./grants.js')).grantsCommand,
  },
  {
    name: 'matrix',
    summary: 'Print who sees what under RLS (personas × relations × commands); --expect puts it under test.',
    load: async () => (await import('./matrix.js')).matrixCommand,
  },
  {
    name: 'advise',
    summary: 'Review what PostgREST exposes: findings with why and the DDL fix; exit 1 at --fail-on.',
    load: async () => (await import('./advise.js')).adviseCommand,
  },
  {
    name: 'reach',
    summary: 'Show, per request role, every endpoint it reaches, its methods, and whether RLS filters rows.',
    load: async () => (await import('./reach.js')).reachCommand,
  },
  {
    name: 'diff',
    summary:
      'Print the migration from one schema to another (databases, snapshots, .sql files or migrations folders).',
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    name: 'snapshot',
    summary: "Write a database's catalog model to a versioned, stable snapshot file (a diff source).",
    load: async () => (await import('./snapshot.js')).snapshotCommand,
  },
];
