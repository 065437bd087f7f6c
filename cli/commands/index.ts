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
    name: 'apply',
    summary: 'Apply a SQL file in one transaction (lock and statement timeouts), or nothing of it.',
    load: async () => (await import('./apply.js')).applyCommand,
  },
];
