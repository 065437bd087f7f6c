import { open, stat } from 'node:fs/promises';
import { GatehouseError } from '../../../shared/errors.js';
import { looksLikeSnapshot } from './snapshot-mark.js';

/** One side of a diff as the user named it. */
export type SourceSpec =
  | { readonly kind: 'live'; readonly uri: string }
  | { readonly kind: 'snapshot'; readonly path: string }
  | { readonly kind: 'sql-file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string };

export const isUri = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

async function head(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/**
 * What a source string names: a `postgres://` URI, a folder, a snapshot (a file whose text says it is one,
 * whatever its name) or a .sql file.
 */
export async function classifySource(source: string): Promise<SourceSpec> {
  if (isUri(source)) return { kind: 'live', uri: source };
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new GatehouseError(
      code === 'ENOENT' ? 'GH1000' : 'GH1001',
      code === 'ENOENT'
        ? `The source ${source} does not exist.`
        : `Could not read ${source}: ${(error as Error).message}`,
      {
        hint: 'A source is a postgres:// URI, a snapshot file (gatehouse snapshot), a .sql file or a folder of them.',
      },
    );
  }
  if (info.isDirectory()) return { kind: 'folder', path: source };
  let text: string;
  try {
    text = await head(source);
  } catch (error) {
    throw new GatehouseError('GH1001', `Could not read ${source}: ${(error as Error).message}`, {
      hint: 'Check that the file is readable.',
    });
  }
  if (looksLikeSnapshot(text)) return { kind: 'snapshot', path: source };
  if (source.toLowerCase().endsWith('.sql')) return { kind: 'sql-file', path: source };
  throw new GatehouseError('GH1000', `${source} is neither a .sql file nor a Gatehouse snapshot.`, {
    hint: 'Name SQL files *.sql; write snapshots with `gatehouse snapshot --db URI -o FILE`.',
  });
}

/** How a source is named in messages. */
export function sourceLabel(spec: SourceSpec): string {
  if (spec.kind !== 'live') return spec.path;
  try {
    const u = new URL(spec.uri);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the database';
  }
}
