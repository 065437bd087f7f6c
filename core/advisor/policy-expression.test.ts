import { describe, expect, it } from 'vitest';
import { expressionFacts, wrapCalls } from './policy-expression.js';

const none = () => false;

describe('policy expressions', () => {
  it('finds current_setting outside a subquery and wraps it', () => {
    const e = "(owner = ((current_setting('request.jwt.claims'::text, true))::json ->> 'sub'::text))";
    const f = expressionFacts(e, none);
    expect(f?.perRowCalls.map((c) => e.slice(c.start, c.end))).toEqual([
      "current_setting('request.jwt.claims'::text, true)",
    ]);
    expect(f?.columns).toEqual(['owner']);
    expect(wrapCalls(e, f?.perRowCalls ?? [])).toBe(
      "(owner = (((SELECT current_setting('request.jwt.claims'::text, true)))::json ->> 'sub'::text))",
    );
  });

  it('leaves calls already in a scalar subquery alone', () => {
    const f = expressionFacts("(owner = ( SELECT current_setting('x'::text) AS current_setting))", none);
    expect(f?.perRowCalls).toEqual([]);
    expect(f?.columns).toEqual(['owner']);
  });

  it('flags a user function whose arguments do not read the row, not one that does', () => {
    const isUser = (_s: string | null, n: string) => n === 'uid' || n === 'owns';
    const e = '((user_id = auth.uid()) AND owns(id))';
    const f = expressionFacts(e, isUser);
    expect(f?.perRowCalls.map((c) => e.slice(c.start, c.end))).toEqual(['auth.uid()']);
    expect([...(f?.columns ?? [])].sort()).toEqual(['id', 'user_id']);
  });

  it('does not treat lower(col) as hoistable, and returns null for text that does not parse', () => {
    expect(expressionFacts('(lower(name) = current_user)', none)?.perRowCalls).toEqual([]);
    expect(expressionFacts('(a = ', none)).toBeNull();
  });
});
