import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/db/sql-files.js';

/** The installed Gatehouse's version, from its package.json. */
export function gatehouseVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}
