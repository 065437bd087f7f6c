import { describe, expect, it } from 'vitest';
import { requestColumns } from './request-columns.js';

describe('requestColumns', () => {
  it('reads the keys of a write body, or columns=', () => {
    expect(requestColumns('PATCH', '/orders?id=eq.3', '{"user_id":"bob","status":"x"}')).toEqual([
      'user_id',
      'status',
    ]);
    expect(requestColumns('POST', '/orders', '[{"a":1},{"a":2,"b":3}]')).toEqual(['a']);
    expect(requestColumns('POST', '/orders?columns=a,b', '[]')).toEqual(['a', 'b']);
    expect(requestColumns('PATCH', '/orders', 'not json')).toEqual([]);
  });

  it('reads the plain items of select=, skipping embeds and *', () => {
    expect(
      requestColumns('GET', '/orders?select=id,who:user_id,total::text,data->>x,items(*),*', null),
    ).toEqual(['id', 'user_id', 'total', 'data']);
    expect(requestColumns('GET', '/orders', null)).toEqual([]);
  });
});
