import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch.js';
import { handlers } from './handlers.js';
import { createStudioContext } from './context.js';

const context = createStudioContext({
  mode: 'cli',
  version: '9.9.9',
  dataDir: '/nonexistent/gatehouse-test',
});

describe('dispatch', () => {
  it('runs a known call with valid input', async () => {
    const result = await dispatch(handlers, context, 'studio.info', {});
    expect(result).toEqual({
      ok: true,
      value: { version: '9.9.9', mode: 'cli', platform: process.platform },
    });
  });

  it('refuses an unknown call with GH301', async () => {
    const result = await dispatch(handlers, context, 'nope.nothing', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('GH301');
  });

  it('refuses input that does not match the contract with GH300', async () => {
    const result = await dispatch(handlers, context, 'studio.info', 'not an object');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('GH300');
  });
});
