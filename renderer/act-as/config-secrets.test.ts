import { describe, expect, it } from 'vitest';
import { maskSecrets } from './config-secrets.js';

describe('maskSecrets', () => {
  it('masks jwt-secret and the db-uri password, keeping the rest', () => {
    expect(
      maskSecrets(
        'db-uri = "postgres://authenticator:s3cr%40t@db:5432/app"\ndb-schemas = "api"\njwt-secret = "abc"',
      ),
    ).toBe(
      'db-uri = "postgres://authenticator:••••••••@db:5432/app"\ndb-schemas = "api"\njwt-secret = "••••••••"',
    );
  });
  it('is null when there is nothing secret', () => {
    expect(maskSecrets('db-uri = "postgres://authenticator@db/app"\ndb-schemas = "api"')).toBeNull();
    expect(maskSecrets('')).toBeNull();
  });
});
