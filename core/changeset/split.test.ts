import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { nodeTag, splitSql } from './split.js';

describe('splitSql', () => {
  it('splits as PostgreSQL does: dollar quotes, comments, semicolons in strings and identifiers', async () => {
    const text = [
      '-- a leading comment; with a semicolon',
      "CREATE TABLE \"we;ird\" (a text DEFAULT 'x;y', b text DEFAULT E'it\\'s;');",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;',
      '/* block; /* nested; */ still comment */ COMMENT ON TABLE "we;ird" IS $$a;b$$ ;;',
      'CREATE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT 1; SELECT 2; END;',
      'SELECT 1 -- trailing; comment',
    ].join('\n');
    const parts = await splitSql(text);
    expect(parts.map((p) => nodeTag(p.node))).toEqual([
      'CreateStmt',
      'CreateFunctionStmt',
      'CommentStmt',
      'CreateFunctionStmt',
      'SelectStmt',
    ]);
    expect(parts[0]!.sql).toBe("CREATE TABLE \"we;ird\" (a text DEFAULT 'x;y', b text DEFAULT E'it\\'s;')");
    expect(parts[1]!.sql).toContain('BEGIN RETURN 1; END; $body$');
    expect(parts[2]!.sql).toBe('COMMENT ON TABLE "we;ird" IS $$a;b$$');
    expect(parts[3]!.sql).toBe('CREATE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT 1; SELECT 2; END');
    // No leading or trailing comment in the text sent: positions are the statement's own.
    expect(parts[4]!.sql).toBe('SELECT 1');
    expect(parts.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    for (const p of parts) expect(text.slice(p.start, p.end)).toBe(p.sql);
  });

  it('maps byte locations to characters past multi-byte text', async () => {
    const text = '-- é ü 日本\nSELECT \'ö🙂\' AS "名前";\n  SELECT 2';
    const parts = await splitSql(text);
    expect(parts.map((p) => p.sql)).toEqual(['SELECT \'ö🙂\' AS "名前"', 'SELECT 2']);
    expect(parts[1]).toMatchObject({ line: 3, column: 3 });
  });

  it('returns nothing for comments only, and refuses a syntax error with its line and column', async () => {
    expect(await splitSql('-- nothing\n;;\n/* x */')).toEqual([]);
    const failure = splitSql('SELECT 1;\nSELEC 2;', 'plan.sql');
    await expect(failure).rejects.toBeInstanceOf(GatehouseError);
    await expect(failure).rejects.toMatchObject({ code: 'GH600' });
    await expect(failure).rejects.toThrow(
      /plan\.sql does not parse: syntax error at or near "SELEC" \(line 2, column 1\)/,
    );
  });
});
