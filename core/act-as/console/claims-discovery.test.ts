import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import { claimsIn, discoverClaims } from './claims-discovery.js';

describe('claims discovery', () => {
  it('finds claims read through current_setting, nullif and casts', () => {
    expect(
      claimsIn("user_id = nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub'"),
    ).toEqual(['sub']);
    expect(claimsIn("(current_setting('request.jwt.claims')::jsonb -> 'org')::int = org_id")).toEqual([
      'org',
    ]);
    expect(claimsIn("current_setting('request.jwt.claim.tenant', true)")).toEqual(['tenant']);
    expect(claimsIn("auth.jwt() ->> 'email'")).toEqual(['email']);
    expect(claimsIn('select 1')).toEqual([]);
  });
  it('lists each claim with the objects that read it, without the role claim', () => {
    const catalog = {
      policies: [
        {
          schema: 'api',
          table: 'orders',
          name: 'own',
          using: "x = current_setting('request.jwt.claims', true)::json->>'sub'",
          withCheck: null,
        },
        {
          schema: 'api',
          table: 'orders',
          name: 'role',
          using: "current_setting('request.jwt.claims', true)::json->>'role' = 'x'",
          withCheck: null,
        },
      ],
      relations: [
        {
          schema: 'api',
          name: 'v',
          viewDefinition: "SELECT current_setting('request.jwt.claims')::json ->> 'tenant'",
        },
      ],
      functions: [
        {
          schema: 'app',
          name: 'current_sub',
          identityArgs: '',
          source: "SELECT nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub'",
        },
      ],
    } as unknown as Catalog;
    expect(discoverClaims(catalog)).toEqual([
      { name: 'sub', usedBy: ['function app.current_sub()', 'policy own on api.orders'] },
      { name: 'tenant', usedBy: ['view api.v'] },
    ]);
  });
});
