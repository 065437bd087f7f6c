import type { ApiModel } from './api-model.js';

/** The demo database's api schema, as the path editor sees it (tests and stories share it). */
export const demoModel: ApiModel = {
  schemas: ['api'],
  relations: [
    {
      schema: 'api',
      name: 'customers',
      kind: 'table',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'sub', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'email', type: 'text' },
      ],
      foreignKeys: [],
    },
    {
      schema: 'api',
      name: 'orders',
      kind: 'table',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'user_id', type: 'text' },
        { name: 'status', type: 'text' },
        { name: 'created_at', type: 'timestamp with time zone' },
      ],
      foreignKeys: [
        { name: 'orders_user_id_fkey', columns: ['user_id'], target: { schema: 'api', name: 'customers' } },
      ],
    },
    {
      schema: 'api',
      name: 'order_items',
      kind: 'table',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'order_id', type: 'bigint' },
        { name: 'product_id', type: 'bigint' },
        { name: 'quantity', type: 'integer' },
      ],
      foreignKeys: [
        {
          name: 'order_items_order_id_fkey',
          columns: ['order_id'],
          target: { schema: 'api', name: 'orders' },
        },
        {
          name: 'order_items_product_id_fkey',
          columns: ['product_id'],
          target: { schema: 'api', name: 'products' },
        },
      ],
    },
    {
      schema: 'api',
      name: 'products',
      kind: 'table',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'name', type: 'text' },
        { name: 'price_cents', type: 'integer' },
      ],
      foreignKeys: [],
    },
    {
      schema: 'api',
      name: 'order_totals',
      kind: 'view',
      columns: [{ name: 'order_id', type: 'bigint' }],
      foreignKeys: [],
    },
  ],
  functions: [
    {
      schema: 'api',
      name: 'place_order',
      args: [
        { name: 'product_id', type: 'bigint' },
        { name: 'quantity', type: 'integer' },
      ],
      returns: 'api.orders',
      returnsRelation: { schema: 'api', name: 'orders' },
    },
    {
      schema: 'api',
      name: 'me',
      args: [],
      returns: 'api.customers',
      returnsRelation: { schema: 'api', name: 'customers' },
    },
  ],
};
