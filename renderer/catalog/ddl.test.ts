import { describe, expect, it } from 'vitest';
import { quoteIdent, relationDdl } from './ddl.js';
import { fixtureCatalog } from './test-fixture.js';

describe('reconstructed DDL', () => {
  const catalog = fixtureCatalog();
  const todos = catalog.relations.find((r) => r.name === 'todos')!;
  const ddl = relationDdl(catalog, todos);

  it('creates the table with identity, defaults, NOT NULL and constraints', () => {
    expect(ddl).toContain('CREATE TABLE api.todos (\n    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,');
    expect(ddl).toContain('    done boolean DEFAULT false NOT NULL,');
    expect(ddl).toContain('    CONSTRAINT todos_pkey PRIMARY KEY (id)\n);');
  });

  it('enables and forces RLS, then creates the policies', () => {
    expect(ddl).toContain(
      'ALTER TABLE api.todos ENABLE ROW LEVEL SECURITY;\nALTER TABLE api.todos FORCE ROW LEVEL SECURITY;',
    );
    expect(ddl).toContain(
      'CREATE POLICY todos_owner ON api.todos\n    FOR ALL\n    TO authenticated\n    USING (',
    );
  });

  it('grants to others, column grants included, never to the owner', () => {
    expect(ddl).toContain('GRANT SELECT, INSERT ON api.todos TO authenticated;');
    expect(ddl).toContain('GRANT UPDATE (title, done) ON api.todos TO authenticated;');
    expect(ddl).not.toMatch(/GRANT [^;]* TO app_owner/);
    expect(ddl).toContain("COMMENT ON TABLE api.todos IS 'Things to do.';");
  });

  it('quotes identifiers only when PostgreSQL would', () => {
    expect(quoteIdent('orders')).toBe('orders');
    expect(quoteIdent('Orders')).toBe('"Orders"');
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
