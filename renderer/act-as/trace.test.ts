import { describe, expect, it } from 'vitest';
import { failedPreRequest } from './trace.js';

const t = (sql: string) => ({ sql, params: [], ms: 1 });
const pre = { schema: 'app', name: 'check_session' };

describe('failedPreRequest', () => {
  it('names the pre-request when it ran and the main statement never did', () => {
    const failed = [
      t('BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY'),
      t('select set_config($1, $2, true)'),
      t('select "app"."check_session"()'),
      t('ROLLBACK'),
    ];
    expect(failedPreRequest(failed, pre)).toBe('app.check_session');
  });
  it('is null when the main statement ran, or there is no pre-request', () => {
    const ok = [
      t('BEGIN'),
      t('select set_config($1, $2, true)'),
      t('select "app"."check_session"()'),
      t('WITH x AS (SELECT 1) SELECT 1'),
      t('ROLLBACK'),
    ];
    expect(failedPreRequest(ok, pre)).toBeNull();
    expect(failedPreRequest([t('BEGIN'), t('ROLLBACK')], null)).toBeNull();
  });
});
