import { describe, expect, it } from 'vitest';
import { parseSql, SqlParserNotLoaded, withSqlParser } from './sql-parser.js';

describe('withSqlParser', () => {
  it('runs again once the parser is loaded when the first run needed it', async () => {
    let runs = 0;
    const result = await withSqlParser(() => {
      runs++;
      // The first run stands for a writer that met a text before the parser was loaded.
      if (runs === 1) throw new SqlParserNotLoaded();
      return parseSql('SELECT 1') as { stmts: unknown[] };
    });
    expect(runs).toBe(2);
    expect(result.stmts).toHaveLength(1);
  });

  it('passes any other error through, without a second run', async () => {
    let runs = 0;
    await expect(
      withSqlParser(() => {
        runs++;
        throw new Error('not the parser');
      }),
    ).rejects.toThrow('not the parser');
    expect(runs).toBe(1);
  });
});
