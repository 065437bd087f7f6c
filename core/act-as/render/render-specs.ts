/** Representative requests for the renderer's SQL tests (render.test.ts) and its PostgreSQL run (render.pg.test.ts). */
import * as h from '../plan/test-helpers.js';

export const specs: Record<string, h.RequestSpec> = {
  'read with a to-one embed and a filter': {
    action: h.read('projects'),
    select: [h.col('name'), h.embed('teams', [h.col('name')])],
    filters: [{ path: [], filter: h.eq('id', '1') }],
  },
  'many-to-many with embedded order and a range': {
    action: h.read('tasks'),
    select: [h.col('id'), h.embed('labels', [h.col('name')])],
    order: [
      { path: [], terms: [h.asc('id')] },
      { path: ['labels'], terms: [h.asc('name')] },
    ],
    ranges: { limit: { lower: 1, upper: 3 } },
  },
  'json paths, casts and aliases': {
    action: h.read('members'),
    select: [
      h.col('id', { alias: 'member' }),
      h.col('settings', {
        path: [
          { arrow: '->', operand: { type: 'key', value: 'notifications' } },
          { arrow: '->>', operand: { type: 'key', value: 'email' } },
        ],
      }),
      h.col('settings', {
        alias: 'lang',
        path: [
          { arrow: '->', operand: { type: 'key', value: 'langs' } },
          { arrow: '->>', operand: { type: 'idx', value: '0' } },
        ],
      }),
      h.col('id', { alias: 'id_text', cast: 'text' }),
    ],
    filters: [{ path: [], filter: h.op('id', { type: 'in', values: ['1', '2'] }) }],
    order: [{ path: [], terms: [h.asc('id')] }],
  },
  'inner join, spread and a computed relationship': {
    action: h.read('members'),
    select: [
      h.col('id'),
      h.spread('teams', [h.col('name', { alias: 'team' })]),
      h.embed('manager', [h.col('display_name')]),
      h.embed('profiles', [h.col('timezone')], { inner: true }),
    ],
    order: [{ path: [], terms: [h.asc('id')] }],
  },
  'exact count with a limit': {
    action: h.read('tasks'),
    select: [h.col('id')],
    filters: [{ path: [], filter: h.op('done', { type: 'is', value: 'true' }) }],
    order: [{ path: [], terms: [h.asc('id')] }],
    ranges: { limit: { lower: 0, upper: 0 } },
    preferences: { count: 'exact' },
  },
  csv: {
    action: h.read('teams'),
    select: [h.col('id'), h.col('name')],
    order: [{ path: [], terms: [h.asc('id')] }],
    accept: [{ type: 'csv' }],
  },
  'insert returning headers-only': {
    action: h.insert('labels'),
    body: '{"id":6,"name":"docs"}',
    preferences: { representation: 'headers-only' },
  },
  'upsert merge-duplicates with representation': {
    action: h.insert('labels'),
    body: '[{"id":1,"name":"critical"},{"id":6,"name":"docs"}]',
    preferences: { resolution: 'merge-duplicates', representation: 'full' },
  },
  'update with a filter': {
    action: h.update('tasks'),
    select: [h.col('id'), h.col('done')],
    body: '{"done":true}',
    filters: [{ path: [], filter: h.eq('id', '3') }],
    preferences: { representation: 'full' },
  },
  'delete minimal': {
    action: h.remove('tasks'),
    filters: [{ path: [], filter: h.eq('id', '9') }],
  },
  'rpc with query-string arguments': {
    action: h.rpcGet('add'),
    params: [
      ['a', '2'],
      ['b', '3'],
    ],
  },
  'rpc variadic': {
    action: h.rpcGet('sum_all'),
    params: [
      ['nums', '1'],
      ['nums', '2'],
      ['nums', '3'],
    ],
  },
  'rpc returning a set of rows with an embed': {
    action: h.rpcPost('tasks_by_priority'),
    body: '{"max_priority":1}',
    select: [h.col('id'), h.embed('projects', [h.col('name')])],
    order: [{ path: [], terms: [h.asc('id')] }],
  },
  'rpc with a single unnamed jsonb parameter': {
    action: h.rpcPost('summarize'),
    body: '{"zeta":1,"alpha":[1,2]}',
  },
};
