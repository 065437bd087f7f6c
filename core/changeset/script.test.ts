import { describe, expect, it } from 'vitest';
import type { ChangeSetHistoryEntry } from '../../shared/contract/changeset.js';
import { migrationFile, previewScript } from './script.js';

const origin = (action: string) => ({ panel: 'roles', object: 'api.orders', action });

describe('previewScript', () => {
  it('lists the transaction first, then what runs after it, and says where each statement sits', () => {
    const statements = [
      {
        id: 'a',
        sql: 'CREATE INDEX CONCURRENTLY i ON t (a)',
        origin: origin('index'),
        phase: 'after' as const,
        reason: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block',
      },
      {
        id: 'b',
        sql: 'GRANT SELECT ON api.orders TO "app\nuser"',
        origin: origin('grant\nSELECT'),
        phase: 'transaction' as const,
        reason: null,
      },
    ];
    const { script, ranges } = previewScript(statements);
    expect(ranges.map((r) => r.id)).toEqual(['a', 'b']);
    for (const [i, r] of ranges.entries()) expect(script.slice(r.start, r.end)).toBe(statements[i]!.sql);
    expect(script.indexOf('GRANT')).toBeLessThan(script.indexOf('CREATE INDEX'));
    // An origin with a newline cannot end its comment early.
    expect(script).toContain('-- [2] roles · api.orders · grant SELECT\n');
    expect(script.split('\n')[ranges[1]!.line - 1]).toBe('GRANT SELECT ON api.orders TO "app');
    expect(script.split('\n')[ranges[0]!.line - 1]).toBe('CREATE INDEX CONCURRENTLY i ON t (a);');
  });
});

describe('migrationFile', () => {
  it('writes what was applied, oldest first, under their origins, with a header', () => {
    const entry = (
      id: string,
      at: string,
      sql: string,
      status: 'applied' | 'rolled-back',
    ): ChangeSetHistoryEntry => ({
      id,
      at,
      server: { host: 'db.local', port: 5432, version: '18.4' },
      database: 'shop',
      user: 'dev',
      source: 'studio',
      outcome: status === 'applied' ? 'applied' : 'failed',
      summary: 'x',
      lockTimeoutMs: 5000,
      statementTimeoutMs: 60000,
      ms: 3,
      statements: [{ sql, origin: origin('a'), phase: 'transaction', status }],
      failure: null,
    });
    const text = migrationFile(
      [
        entry('2', '2026-01-02T00:00:00Z', 'CREATE TABLE b ()', 'applied'),
        entry('1', '2026-01-01T00:00:00Z', 'CREATE TABLE a ()', 'applied'),
        entry('3', '2026-01-03T00:00:00Z', 'CREATE TABLE c ()', 'rolled-back'),
      ],
      { version: '0.1.0', now: new Date('2026-02-01T00:00:00Z') },
    );
    expect(text.split('\n')[0]).toBe('-- Migration exported by Gatehouse 0.1.0 on 2026-02-01T00:00:00.000Z');
    expect(text).toContain('-- Database "shop" on db.local:5432 (PostgreSQL 18.4)');
    expect(text.indexOf('CREATE TABLE a ()')).toBeLessThan(text.indexOf('CREATE TABLE b ()'));
    expect(text).toContain('\n-- roles · api.orders · a\nCREATE TABLE a ();\n');
    expect(text).not.toMatch(/BEGIN|COMMIT/);
    expect(text).not.toContain('CREATE TABLE c ()');
    expect(text).toContain('Not applied, left out: roles · api.orders · a (rolled-back)');
  });
});
