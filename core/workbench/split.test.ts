import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, pickStatements, splitStatements } from './split.js';

beforeAll(() => loadParser());

const texts = (script: string) => splitStatements(script).map((s) => s.sql);

describe('splitStatements', () => {
  it('keeps semicolons inside strings, dollar quotes, comments and BEGIN ATOMIC bodies (comments between statements dropped)', () => {
    const script = [
      "select 'a;b';",
      '-- a comment; with a semicolon',
      'do $$ begin perform 1; end $$;',
      'create function f() returns int begin atomic select 1; end;',
      '/* block ; */ select 2',
    ].join('\n');
    expect(texts(script)).toEqual([
      "select 'a;b'",
      'do $$ begin perform 1; end $$',
      'create function f() returns int begin atomic select 1; end',
      'select 2',
    ]);
  });

  it('reports UTF-16 offsets into the original text, also after non-ASCII characters', () => {
    const script = "select 'héé€ 😀';\n  select 2;";
    const [a, b] = splitStatements(script);
    expect(script.slice(a!.start, a!.end)).toBe("select 'héé€ 😀'");
    expect(script.slice(b!.start, b!.end)).toBe('select 2');
  });

  it('still splits a script with a syntax error (by scanner tokens), so the server reports the error', () => {
    expect(texts("select 1; selec 'x;y'; select 3")).toEqual(['select 1', "selec 'x;y'", 'select 3']);
  });

  it('names each statement kind and transaction control', () => {
    const s = splitStatements('begin; update t set a = 1; commit; savepoint x');
    expect(s.map((x) => [x.kind, x.transactionKind])).toEqual([
      ['TransactionStmt', 'TRANS_STMT_BEGIN'],
      ['UpdateStmt', null],
      ['TransactionStmt', 'TRANS_STMT_COMMIT'],
      ['TransactionStmt', 'TRANS_STMT_SAVEPOINT'],
    ]);
  });

  it('drops empty statements and trailing comments', () => {
    expect(texts(';;select 1;;  -- end\n')).toEqual(['select 1']);
  });
});

describe('pickStatements', () => {
  const script = 'select 1;\nselect 2;\n\nselect 3;';
  it('runs the statement under the cursor, or the one just before it', () => {
    expect(pickStatements(script, 'cursor', script.indexOf('2')).map((s) => s.sql)).toEqual(['select 2']);
    expect(pickStatements(script, 'cursor', script.indexOf('\n\n') + 1).map((s) => s.sql)).toEqual([
      'select 2',
    ]);
    expect(pickStatements(script, 'cursor', 0).map((s) => s.sql)).toEqual(['select 1']);
  });
  it('runs a selection as its own statements, positions in the whole text', () => {
    const from = script.indexOf('select 2');
    const picked = pickStatements(script, 'selection', 0, [from, script.length]);
    expect(picked.map((s) => s.sql)).toEqual(['select 2', 'select 3']);
    expect(script.slice(picked[1]!.start, picked[1]!.end)).toBe('select 3');
  });
  it('runs the whole script', () => {
    expect(pickStatements(script, 'script', 3)).toHaveLength(3);
  });
});
