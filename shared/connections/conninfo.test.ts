import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../errors.js';
import { parseConnectionString, parseKeywordValue, parseUri } from './conninfo.js';

function gh103(fn: () => unknown): GatehouseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatehouseError);
    expect((error as GatehouseError).code).toBe('GH103');
    return error as GatehouseError;
  }
  throw new Error('expected GH103');
}

describe('parseUri', () => {
  it('reads every part of a full URI, percent-decoded', () => {
    expect(
      parseUri('postgresql://al%40ice:p%3Ass@db.example.com:6543/my%20db?sslmode=require&application_name=x'),
    ).toEqual({
      user: 'al@ice',
      password: 'p:ss',
      host: 'db.example.com',
      port: '6543',
      dbname: 'my db',
      sslmode: 'require',
      application_name: 'x',
    });
  });

  it('accepts postgres://, an empty authority and query-string host (socket directory)', () => {
    expect(parseUri('postgres://')).toEqual({});
    expect(parseUri('postgresql:///mydb?host=/var/run/postgresql')).toEqual({
      dbname: 'mydb',
      host: '/var/run/postgresql',
    });
    expect(parseUri('postgresql://%2Ftmp/db')).toEqual({ host: '/tmp', dbname: 'db' });
  });

  it('reads IPv6 hosts in brackets', () => {
    expect(parseUri('postgresql://[::1]:5433/x')).toEqual({ host: '::1', port: '5433', dbname: 'x' });
    expect(parseUri('postgresql://[2001:db8::7]/x')).toEqual({ host: '2001:db8::7', dbname: 'x' });
  });

  it('keeps an @ in the password when it is the last @ of the authority', () => {
    expect(parseUri('postgresql://u:a@b@h/d')).toMatchObject({ user: 'u', password: 'a@b', host: 'h' });
  });

  it('maps ssl=true to sslmode=require (libpq JDBC compatibility)', () => {
    expect(parseUri('postgresql://h/d?ssl=true')).toEqual({ host: 'h', dbname: 'd', sslmode: 'require' });
  });

  it('refuses malformed URIs with GH103 saying what is wrong', () => {
    expect(gh103(() => parseUri('postgresql://h:notaport/d')).message).toMatch(/invalid port "notaport"/);
    expect(gh103(() => parseUri('postgresql://h:70000/d')).message).toMatch(/invalid port/);
    expect(gh103(() => parseUri('postgresql://h/d?bogus=1')).message).toMatch(/unknown parameter "bogus"/);
    expect(gh103(() => parseUri('postgresql://h/d?sslmode')).message).toMatch(/no "=value"/);
    expect(gh103(() => parseUri('postgresql://h/%zz')).message).toMatch(
      /percent-encoding in the database name/,
    );
    expect(gh103(() => parseUri('postgresql://[::1/d')).message).toMatch(/closing "\]"/);
    expect(gh103(() => parseUri('postgresql://a,b/d')).message).toMatch(/several hosts/);
    expect(gh103(() => parseUri('mysql://h/d')).message).toMatch(/postgresql:\/\//);
  });

  it('never echoes the password of a malformed URI', () => {
    const error = gh103(() => parseUri('postgresqll://u:secretpw@h/d'));
    expect(JSON.stringify(error.toJSON())).not.toContain('secretpw');
  });
});

describe('parseKeywordValue', () => {
  it('reads plain, spaced and quoted values with escapes', () => {
    expect(parseKeywordValue("host=db port = 5433 dbname='my db' password='it\\'s'")).toEqual({
      host: 'db',
      port: '5433',
      dbname: 'my db',
      password: "it's",
    });
  });

  it('refuses a missing "=", an unterminated quote, an unknown keyword, a bad port', () => {
    expect(gh103(() => parseKeywordValue('host db')).message).toMatch(/missing "="/);
    expect(gh103(() => parseKeywordValue("dbname='x")).message).toMatch(/unterminated/);
    expect(gh103(() => parseKeywordValue('colour=blue')).message).toMatch(/unknown parameter "colour"/);
    expect(gh103(() => parseKeywordValue('port=x')).message).toMatch(/invalid port/);
  });
});

describe('parseConnectionString', () => {
  it('dispatches on the form and refuses other schemes and bare words', () => {
    expect(parseConnectionString(' postgresql://h/d ')).toEqual({ host: 'h', dbname: 'd' });
    expect(parseConnectionString('host=h')).toEqual({ host: 'h' });
    expect(gh103(() => parseConnectionString('https://h/d')).message).toMatch(/unsupported scheme "https"/);
    expect(gh103(() => parseConnectionString('mydb')).message).toMatch(/neither/);
  });
});
