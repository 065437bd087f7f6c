import { describe, expect, it } from 'vitest';
import { respellNames, respellSchema } from './respell.js';

describe('respellSchema: SQL text as PostgreSQL shows it after ALTER SCHEMA app RENAME TO core', () => {
  const core = (text: string) => respellSchema(text, 'app', 'core');

  it('re-spells qualified names: relations, types, functions, operators', () => {
    expect(core(' SELECT t.id, t.m\n   FROM app.t\n  WHERE (t.m = ANY (ARRAY[app.first()]));')).toBe(
      ' SELECT t.id, t.m\n   FROM core.t\n  WHERE (t.m = ANY (ARRAY[core.first()]));',
    );
    expect(core('app.mood[]')).toBe('core.mood[]');
    expect(core('x app.mood, VARIADIC y app.pos[]')).toBe('x core.mood, VARIADIC y core.pos[]');
    expect(core('(a OPERATOR(app.===) b)')).toBe('(a OPERATOR(core.===) b)');
    expect(core('FOREIGN KEY (item) REFERENCES app.items(id) ON DELETE CASCADE')).toBe(
      'FOREIGN KEY (item) REFERENCES core.items(id) ON DELETE CASCADE',
    );
  });

  it('re-spells the text of OID constants, keeps every other string as written', () => {
    expect(core("nextval('app.t_id_seq'::regclass)")).toBe("nextval('core.t_id_seq'::regclass)");
    expect(core("'app.f(app.mood)'::regprocedure")).toBe("'core.f(core.mood)'::regprocedure");
    expect(core("'app'::regnamespace")).toBe("'core'::regnamespace");
    expect(core("'app.t'::text")).toBe("'app.t'::text");
    expect(core("current_setting('app.tenant'::text)")).toBe("current_setting('app.tenant'::text)");
    expect(core("E'it''s app.x\\\\'::text || 'a'::app.mood")).toBe(
      "E'it''s app.x\\\\'::text || 'a'::core.mood",
    );
    expect(core('$$ app.t $$')).toBe('$$ app.t $$');
  });

  it('leaves alone what is not the schema: fields, other schemas, longer names, columns', () => {
    expect(core('(r).app.x')).toBe('(r).app.x');
    expect(core('t.app + application.t.x + apps.t')).toBe('t.app + application.t.x + apps.t');
    expect(core('app + 1')).toBe('app + 1');
    const text = 'public.t';
    expect(core(text)).toBe(text);
  });

  it('reads quoted names and writes the new one as quote_ident would', () => {
    expect(respellSchema('"My App".t, "my app".t', 'My App', 'select')).toBe('"select".t, "my app".t');
    expect(respellSchema('app."Tab"', 'app', 'New')).toBe('"New"."Tab"');
    expect(respellSchema('"a""b".t', 'a"b', 'c')).toBe('c.t');
    expect(respellSchema('\'"My App".t\'::regclass', 'My App', 'x')).toBe("'x.t'::regclass");
  });
});

describe('respellNames', () => {
  it('renames a qualified name, schema and name', () => {
    const moved = (text: string) =>
      respellNames(text, (s, n) =>
        s === 'app' && n === 'ledger' ? { schema: 'archive', name: 'book' } : undefined,
      );
    expect(moved('FOREIGN KEY (l) REFERENCES app.ledger(id)')).toBe(
      'FOREIGN KEY (l) REFERENCES archive.book(id)',
    );
    expect(moved('REFERENCES app.ledger_refs(id)')).toBe('REFERENCES app.ledger_refs(id)');
  });
});
