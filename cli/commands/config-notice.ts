import type { PostgrestConfig } from '../../core/act-as/config/index.js';

/** What `request` / `serve` assumed when no --config was given, so that nobody runs on silent defaults. */
export function assumedConfigNotice(config: PostgrestConfig, command: string): string {
  const lines = [
    `gatehouse ${command}: no --config given; using PostgREST's defaults and any PGRST_* variables:`,
    `  db-schemas = ${config.dbSchemas.join(', ')}`,
    `  db-anon-role = ${config.dbAnonRole ?? '(unset: a request without a token is refused with PGRST302)'}`,
    config.jwtSecret === null
      ? '  jwt-secret = (unset: every request with a token is refused with PGRST300 "Server lacks JWT secret")'
      : '  jwt-secret = (set by PGRST_JWT_SECRET)',
    `  Give your postgrest.conf with --config FILE to answer as your PostgREST does.`,
  ];
  return lines.join('\n') + '\n';
}
