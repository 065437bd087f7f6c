import { describe, expect, it } from 'vitest';
import { planRequest } from './index.js';
import {
  asc,
  col,
  count,
  embed,
  eq,
  fixtureSchemaCache,
  insert,
  put,
  read,
  request,
  rpcGet,
  rpcPost,
  spread,
  testConfig,
  type RequestSpec,
  useFixtureSchemaCache,
} from './test-helpers.js';
import type { Plan, ReadPlanTree } from './types.js';

// The conformance fixture's model, read from a real database (fixture-schema-cache.ts).
useFixtureSchemaCache();

function plan(spec: RequestSpec) {
  return planRequest(request(spec), fixtureSchemaCache(), testConfig);
}

function okPlan(spec: RequestSpec): Plan {
  const r = plan(spec);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function txMode(p: Plan): string {
  return p.type === 'info' ? 'none' : p.txMode;
}

function tree(p: Plan): ReadPlanTree {
  if (p.type === 'info') throw new Error('info plan');
  return p.readPlan;
}

describe('planner errors (PostgREST texts)', () => {
  const cases: {
    name: string;
    spec: RequestSpec;
    status: number;
    code: string;
    message: string;
    details?: unknown;
    hint?: unknown;
  }[] = [
    {
      name: 'unknown table',
      spec: { action: read('teamz') },
      status: 404,
      code: 'PGRST205',
      message: "Could not find the table 'api.teamz' in the schema cache",
      hint: "Perhaps you meant the table 'api.teams'",
    },
    {
      name: 'no relationship',
      spec: { action: read('teams'), select: [col('id'), embed('labels', [col('name')])] },
      status: 400,
      code: 'PGRST200',
      message: "Could not find a relationship between 'teams' and 'labels' in the schema cache",
      details:
        "Searched for a foreign key relationship between 'teams' and 'labels' in the schema 'api', but no matches were found.",
    },
    {
      name: 'ambiguous many-to-one',
      spec: { action: read('tasks'), select: [col('id'), embed('members', [col('display_name')])] },
      status: 300,
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'tasks' and 'members'",
      details: [
        {
          cardinality: 'many-to-one',
          embedding: 'tasks with members',
          relationship: 'tasks_assignee_id_fkey using tasks(assignee_id) and members(id)',
        },
        {
          cardinality: 'many-to-one',
          embedding: 'tasks with members',
          relationship: 'tasks_reviewer_id_fkey using tasks(reviewer_id) and members(id)',
        },
      ],
      hint: "Try changing 'members' to one of the following: 'members!tasks_assignee_id_fkey', 'members!tasks_reviewer_id_fkey'. Find the desired relationship in the 'details' key.",
    },
    {
      name: 'filter on a resource that is not embedded',
      spec: {
        action: read('projects'),
        select: [col('id')],
        filters: [{ path: ['tasks'], filter: eq('id', '1') }],
      },
      status: 400,
      code: 'PGRST108',
      message: "'tasks' is not an embedded resource in this request",
      hint: "Verify that 'tasks' is included in the 'select' query parameter.",
    },
    {
      name: 'aggregates disabled',
      spec: { action: read('projects'), select: [col('team_id'), count()] },
      status: 400,
      code: 'PGRST123',
      message: 'Use of aggregate functions is not allowed',
    },
    {
      name: 'unknown column on insert',
      spec: { action: insert('tasks'), body: '{"id":12,"colour":"red"}' },
      status: 400,
      code: 'PGRST204',
      message: "Could not find the 'colour' column of 'tasks' in the schema cache",
    },
    {
      name: 'unknown function',
      spec: { action: rpcGet('nope') },
      status: 404,
      code: 'PGRST202',
      message: 'Could not find the function api.nope without parameters in the schema cache',
      details:
        'Searched for the function api.nope without parameters, but no matches were found in the schema cache.',
    },
    {
      name: 'function called with the wrong arguments',
      spec: { action: rpcGet('add'), params: [['a', '1']] },
      status: 404,
      code: 'PGRST202',
      message: 'Could not find the function api.add(a) in the schema cache',
      hint: 'Perhaps you meant to call the function api.add(a, b)',
    },
    {
      name: 'related order on a to-many embed',
      spec: {
        action: read('teams'),
        select: [col('id'), embed('projects', [col('id')])],
        order: [
          {
            path: [],
            terms: [
              {
                type: 'relation',
                relation: 'projects',
                field: { name: 'id', jsonPath: [] },
                direction: null,
                nulls: null,
              },
            ],
          },
        ],
      },
      status: 400,
      code: 'PGRST118',
      message: "A related order on 'projects' is not possible",
    },
    {
      name: 'PUT without the primary key filter',
      spec: {
        action: put('labels'),
        filters: [{ path: [], filter: eq('name', 'x') }],
        body: '{"id":5,"name":"x"}',
      },
      status: 405,
      code: 'PGRST105',
      message: "Filters must include all and only primary key columns with 'eq' operators",
    },
    {
      name: 'strict handling with an invalid preference',
      spec: { action: read('teams'), preferences: { handling: 'strict', invalid: ['foo'] } },
      status: 400,
      code: 'PGRST122',
      message: 'Invalid preferences given with handling=strict',
      details: 'Invalid preferences: foo',
    },
    {
      name: 'unsupported Accept',
      spec: { action: read('teams'), accept: [{ type: 'other', mime: 'application/xml' }] },
      status: 406,
      code: 'PGRST107',
      message: 'None of these media types are available: application/xml',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = plan(c.spec);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.status).toBe(c.status);
      expect(r.error.code).toBe(c.code);
      expect(r.error.message).toBe(c.message);
      if ('details' in c) expect(r.error.details).toEqual(c.details);
      if ('hint' in c) expect(r.error.hint).toEqual(c.hint);
    });
  }
});

describe('embedding', () => {
  it('resolves hints, aliases and aggregate aliases', () => {
    const t = tree(
      okPlan({
        action: read('tasks'),
        select: [
          col('id'),
          embed('members', [col('display_name')], { alias: 'assignee', hint: 'tasks_assignee_id_fkey' }),
          embed('labels', [col('name')]),
        ],
      }),
    );
    expect(t.children.map((c) => [c.node.relAggAlias, c.node.fromAlias])).toEqual([
      ['tasks_assignee_1', 'members_1'],
      ['tasks_labels_1', null],
    ]);
    expect(t.node.relSelect.map((r) => (r.type === 'json-embed' ? [r.selName, r.mode] : r.type))).toEqual([
      ['assignee', 'object'],
      ['labels', 'array'],
    ]);
  });

  it('filters reach an aliased embed by its alias or its relation name (legacy target names)', () => {
    const select = [
      col('id'),
      embed('members', [col('id')], { alias: 'assignee', hint: 'tasks_assignee_id_fkey' }),
    ];
    for (const target of ['assignee', 'members']) {
      const t = tree(
        okPlan({ action: read('tasks'), select, filters: [{ path: [target], filter: eq('id', '1') }] }),
      );
      expect(t.children[0]?.node.where).toHaveLength(1);
    }
  });

  it('embeds through a view using its base table FKs (reviewer_id is not exposed: no ambiguity)', () => {
    const t = tree(
      okPlan({
        action: read('open_tasks'),
        select: [embed('members', [col('id')]), embed('projects', [col('id')])],
      }),
    );
    expect(t.children.map((c) => c.node.relToParent?.foreignTable.name)).toEqual(['members', 'projects']);
  });

  it('computed relationships are to-one when ROWS 1', () => {
    const t = tree(
      okPlan({
        action: read('members'),
        select: [col('id'), embed('manager', [col('id')]), embed('reports', [col('id')])],
      }),
    );
    expect(t.node.relSelect.map((r) => (r.type === 'json-embed' ? r.mode : ''))).toEqual(['object', 'array']);
  });

  it('self reference: the table name is one-to-many, the FK column many-to-one', () => {
    const o2m = tree(okPlan({ action: read('members'), select: [embed('members', [col('id')])] }));
    const r1 = o2m.children[0]?.node.relToParent;
    expect(r1?.kind === 'fk' && r1.cardinality.kind).toBe('O2M');
    const m2o = tree(okPlan({ action: read('members'), select: [embed('manager_id', [col('id')])] }));
    const r2 = m2o.children[0]?.node.relToParent;
    expect(r2?.kind === 'fk' && r2.cardinality.kind).toBe('M2O');
  });

  it('a related order on a to-one embed uses its aggregate alias', () => {
    const t = tree(
      okPlan({
        action: read('projects'),
        select: [col('id'), embed('teams', [col('name')])],
        order: [
          {
            path: [],
            terms: [
              {
                type: 'relation',
                relation: 'teams',
                field: { name: 'name', jsonPath: [] },
                direction: 'asc',
                nulls: null,
              },
              asc('id'),
            ],
          },
        ],
      }),
    );
    expect(t.node.order[0]).toMatchObject({ type: 'relation', relation: 'projects_teams_1' });
  });
});

describe('writes and calls', () => {
  it('upsert defaults on_conflict to the primary key; headers-only returns the pk', () => {
    const p = okPlan({
      action: insert('labels'),
      select: [col('name')],
      body: '[{"id":1,"name":"a"}]',
      preferences: { resolution: 'merge-duplicates', representation: 'headers-only' },
    });
    expect(p.type === 'mutate' && p.mutatePlan).toMatchObject({
      type: 'insert',
      onConflict: { resolution: 'merge-duplicates', columns: ['id'] },
      returning: ['id', 'name'],
    });
  });

  it('GET calls run read-only; volatile POST calls read-write', () => {
    expect(txMode(okPlan({ action: rpcGet('mark_done'), params: [['task_id', '1']] }))).toBe('read');
    expect(txMode(okPlan({ action: rpcPost('mark_done'), body: '{"task_id":1}' }))).toBe('write');
    expect(txMode(okPlan({ action: rpcPost('add'), body: '{"a":1,"b":2}' }))).toBe('read');
  });

  it('a single unnamed jsonb parameter takes the whole body', () => {
    const p = okPlan({ action: rpcPost('summarize'), body: '{"x":1}' });
    expect(p.type === 'call' && p.callPlan.params.type).toBe('one-positional');
  });

  it('OPTIONS lists the methods the relation allows', () => {
    expect(okPlan({ action: { type: 'relation-info', qi: { schema: 'api', name: 'teams' } } })).toEqual({
      type: 'info',
      allow: 'OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE',
    });
  });
});

describe('aggregates (db-aggregates-enabled)', () => {
  const enabled = { ...testConfig, dbAggregatesEnabled: true };
  const sum = (name: string) => ({ ...col(name), aggregate: 'sum' as const });

  it('expands * next to an aggregate so it can be grouped', () => {
    const r = planRequest(
      request({ action: read('teams'), select: [col('*'), count()] }),
      fixtureSchemaCache(),
      enabled,
    );
    expect(r.ok && r.value.type === 'read' && r.value.readPlan.node.select.map((s) => s.field.name)).toEqual([
      'id',
      'name',
      'created_at',
      '*',
    ]);
  });

  it('hoists an aggregate out of a to-one spread into the spread select of its parent', () => {
    const r = planRequest(
      request({ action: read('tasks'), select: [col('project_id'), spread('projects', [sum('budget')])] }),
      fixtureSchemaCache(),
      enabled,
    );
    if (!r.ok || r.value.type !== 'read') throw new Error('plan failed');
    const t = r.value.readPlan;
    expect(t.children[0]?.node.select[0]).toMatchObject({ aggregate: null, alias: 'sum' });
    expect(t.node.relSelect[0]).toMatchObject({
      type: 'spread',
      spreadSel: [{ selName: 'sum', aggregate: 'sum', alias: 'sum' }],
    });
  });
});
