import type * as LibPgQuery from 'libpg-query';

// PostgreSQL's own parser (libpg-query, WebAssembly). The DDL writer parses the catalog texts its lexical checks
// cannot vouch for (core/ddl/expression.ts); most diffs need it for none. Loading it compiles 1.7 MB of
// WebAssembly, ~50 ms of CPU: a host for which that counts (the CLI's diff, started while two servers work for
// it) defers it, and loads it on first need through withSqlParser. Every other import of the DDL writer loads it
// as the writer is imported.

let parser: typeof LibPgQuery | undefined;
let loading: Promise<void> | undefined;
let deferred = false;

/** Loads the parser (once). */
export function loadSqlParser(): Promise<void> {
  loading ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    parser = m;
  });
  return loading;
}

/** Call before the DDL writer is first imported: it then does not load the parser (see withSqlParser). */
export function deferSqlParser(): void {
  deferred = true;
}

/** Whether importing the DDL writer loads the parser. */
export function sqlParserEager(): boolean {
  return !deferred;
}

/** Thrown where a text needs the parser and it is not loaded (deferred): withSqlParser loads it and runs again. */
export class SqlParserNotLoaded extends Error {
  constructor() {
    super('The SQL parser is not loaded: run this through withSqlParser().');
    this.name = 'SqlParserNotLoaded';
  }
}

/** libpg-query's parse tree of `sql`; throws its syntax error, or SqlParserNotLoaded. */
export function parseSql(sql: string): unknown {
  if (parser === undefined) throw new SqlParserNotLoaded();
  return parser.parseSync(sql);
}

/**
 * Runs `fn`, and when it needed the parser before it was loaded, loads it and runs `fn` again: `fn` must have no
 * effect but its result (a diff, a rendering), so that its first, interrupted run leaves nothing behind.
 */
export async function withSqlParser<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof SqlParserNotLoaded)) throw error;
    await loadSqlParser();
    return fn();
  }
}
