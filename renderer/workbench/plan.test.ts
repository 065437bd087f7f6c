import { describe, expect, it } from 'vitest';
import type { Policy } from '../../shared/model/catalog.js';
import { fixtureCatalog } from '../catalog/test-fixture.js';
import { misestimate, normaliseExpression, policyIn, readPlan } from './plan.js';

/** EXPLAIN (FORMAT JSON, ANALYZE) of `select * from api.todos t where title like 'a%'` with RLS forced. */
const explained = [
  {
    Plan: {
      'Node Type': 'Nested Loop',
      'Plan Rows': 5,
      'Total Cost': 40.1,
      'Actual Rows': 120,
      'Actual Loops': 1,
      'Actual Total Time': 3.5,
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Relation Name': 'todos',
          Alias: 't',
          'Plan Rows': 5,
          'Total Cost': 20,
          'Actual Rows': 60,
          'Actual Loops': 2,
          'Actual Total Time': 1.25,
          Filter:
            "((title ~~ 'a%'::text) AND (owner_id = ((current_setting('request.jwt.claims'::text, true))::json ->> 'sub'::text)))",
          'Rows Removed by Filter': 40,
        },
        {
          'Node Type': 'Index Scan',
          'Relation Name': 'profiles',
          'Index Name': 'profiles_pkey',
          'Subplan Name': 'SubPlan 1',
          'Plan Rows': 1,
          'Total Cost': 8,
          'Index Cond': '(id = 1)',
          Filter: '(id > 0)',
        },
      ],
    },
    'Planning Time': 0.2,
    'Execution Time': 3.9,
  },
];

describe('readPlan', () => {
  it('reads nodes, estimated vs actual rows over all loops, and times', () => {
    const plan = readPlan(explained, fixtureCatalog())!;
    expect(plan.planningMs).toBe(0.2);
    expect(plan.executionMs).toBe(3.9);
    const scan = plan.root.children[0]!;
    expect(scan).toMatchObject({
      title: 'Seq Scan on todos t',
      estimatedRows: 5,
      actualRows: 120,
      loops: 2,
      totalMs: 2.5,
      rowsRemovedByFilter: 40,
    });
    expect(misestimate(scan)).toBe(12);
    expect(plan.root.children[1]).toMatchObject({
      title: 'Index Scan using profiles_pkey on profiles',
      role: 'SubPlan 1',
      actualRows: null,
    });
  });

  it('flags the filter that carries a policy expression of that table, by name', () => {
    const scan = readPlan(explained, fixtureCatalog())!.root.children[0]!;
    expect(scan.conditions).toEqual([
      expect.objectContaining({ label: 'Filter', policy: 'todos_owner', mayBeRls: false }),
    ]);
    // RLS does not apply to profiles (not enabled): its filters are plain filters
    const other = readPlan(explained, fixtureCatalog())!.root.children[1]!;
    expect(other.conditions.map((c) => [c.label, c.policy, c.mayBeRls])).toEqual([
      ['Filter', null, false],
      ['Index Cond', null, false],
    ]);
  });

  it('says "may include RLS" when RLS applies but no policy expression matches', () => {
    const plan = readPlan(
      [
        {
          Plan: {
            'Node Type': 'Seq Scan',
            'Relation Name': 'todos',
            'Plan Rows': 1,
            'Total Cost': 1,
            Filter: '(hashed SubPlan 1)',
          },
        },
      ],
      fixtureCatalog(),
    )!;
    expect(plan.root.conditions[0]).toMatchObject({ policy: null, mayBeRls: true });
  });

  it('compares expressions without casts, parentheses and blanks', () => {
    expect(normaliseExpression("(a = ('x'::text))")).toBe(normaliseExpression("a = 'x'"));
  });

  it('returns null for something that is not a plan', () => {
    expect(readPlan({ nope: 1 }, null)).toBeNull();
  });
});

describe('policyIn', () => {
  const policy = (name: string, using: string): Policy => ({
    schema: 'api',
    table: 'orders',
    name,
    permissive: true,
    command: 'ALL',
    roles: [{ kind: 'public' }],
    using,
    withCheck: null,
    comment: null,
  });
  const owner = policy(
    'orders_owner',
    "user_id = (NULLIF(current_setting('request.jwt.claims'::text, true), ''::text)::json ->> 'sub'::text)",
  );
  const cond =
    "(orders.user_id = ((NULLIF(current_setting('request.jwt.claims'::text, true), ''::text))::json ->> 'sub'::text))";
  it('never names a USING (true) policy, whose text is in any current_setting(…, true)', () => {
    expect(policyIn(cond, [policy('orders_admin', 'true'), owner])).toBe('orders_owner');
    expect(policyIn(cond, [policy('orders_admin', 'true')])).toBeNull();
  });
  it('names the longest expression found when one policy’s is inside another’s', () => {
    const part = policy('short', "'sub'::text");
    expect(policyIn(cond, [part, owner])).toBe('orders_owner');
  });
});
