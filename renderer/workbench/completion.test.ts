import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../catalog/test-fixture.js';
import { SqlCompleter, typedIdent } from './completion.js';

const completer = new SqlCompleter(fixtureCatalog());
const labels = (before: string, statement = before) =>
  completer.complete(before, statement).map((c) => `${c.kind}:${c.label}`);

describe('SqlCompleter', () => {
  it('offers the relations of a schema after `schema.`', () => {
    expect(labels('select * from api.')).toEqual(
      expect.arrayContaining(['relation:profiles', 'relation:todos', 'relation:open_todos']),
    );
    expect(labels('select * from api.')).not.toContain('relation:secrets');
  });

  it('offers the columns of an alias defined later in the statement', () => {
    const statement = 'select t. from api.todos as t where t.done';
    expect(labels('select t.', statement)).toEqual([
      'column:id',
      'column:title',
      'column:done',
      'column:owner_id',
    ]);
    expect(labels('select x.', 'select x. from api.todos x')).toContain('column:owner_id');
  });

  it('offers the columns of the statement’s tables first, then relations, schemas, keywords', () => {
    const all = labels('select ', 'select  from api.todos');
    expect(all.slice(0, 4)).toEqual(['column:id', 'column:title', 'column:done', 'column:owner_id']);
    expect(all).toEqual(expect.arrayContaining(['relation:api.todos', 'schema:private', 'keyword:SELECT']));
  });

  it('quotes identifiers that must be quoted', () => {
    expect(typedIdent('todos')).toBe('todos');
    expect(typedIdent('Mixed Case')).toBe('"Mixed Case"');
    expect(typedIdent('select')).toBe('"select"');
  });
});
