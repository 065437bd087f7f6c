import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  fieldForError,
  fieldsToUri,
  switchMode,
  uriToFields,
  type ConnectionDraft,
} from './draft.js';

describe('fieldForError', () => {
  it('marks the password field, not the URI, when no password was supplied or it was wrong', () => {
    for (const mode of ['uri', 'fields'] as const) {
      expect(fieldForError('GH110', mode)).toBe('password');
      expect(fieldForError('GH101', mode)).toBe('password');
    }
  });

  it('marks the URI in URI mode for an unreachable host, and the host in field mode', () => {
    expect(fieldForError('GH100', 'uri')).toBe('uri');
    expect(fieldForError('GH100', 'fields')).toBe('host');
  });
});

const typed: ConnectionDraft = {
  ...emptyDraft,
  name: 'Shop',
  host: 'db.internal',
  port: '6543',
  database: 'shop db',
  user: 'owner@corp',
  password: 's3cret',
  sslmode: 'require',
};

describe('switching the connection form between fields and URI', () => {
  it('writes the fields as a URI, encoding what needs it, without the password', () => {
    expect(fieldsToUri(typed)).toBe('postgres://owner%40corp@db.internal:6543/shop%20db?sslmode=require');
    expect(fieldsToUri({ ...typed, host: '::1', user: '', sslmode: '' })).toBe(
      'postgres://[::1]:6543/shop%20db',
    );
  });

  it('reads a URI back into the same fields (a round trip loses nothing)', () => {
    const r = uriToFields(fieldsToUri(typed));
    expect(r).toEqual({
      fields: {
        host: 'db.internal',
        port: '6543',
        database: 'shop db',
        user: 'owner@corp',
        sslmode: 'require',
      },
    });
  });

  it('reads key=value strings too, and moves a password in the URI to the password field', () => {
    expect(uriToFields("host=db port=5433 dbname='my shop' user=me password=pw")).toEqual({
      fields: { host: 'db', port: '5433', database: 'my shop', user: 'me', sslmode: '', password: 'pw' },
    });
    const { patch } = switchMode({ ...emptyDraft, mode: 'uri', uri: 'postgresql://me:pw@h/d' }, 'fields');
    expect(patch).toMatchObject({ mode: 'fields', host: 'h', database: 'd', user: 'me', password: 'pw' });
  });

  it('keeps what was typed both ways: fields → URI → fields', () => {
    const toUri = switchMode({ ...typed, mode: 'fields' }, 'uri');
    const inUri = { ...typed, ...toUri.patch };
    expect(inUri.mode).toBe('uri');
    expect(inUri.uri).toBe('postgres://owner%40corp@db.internal:6543/shop%20db?sslmode=require');
    const edited = { ...inUri, uri: inUri.uri.replace('/shop%20db', '/orders') };
    const back = { ...edited, ...switchMode(edited, 'fields').patch };
    expect(back).toMatchObject({
      mode: 'fields',
      host: 'db.internal',
      port: '6543',
      database: 'orders',
      password: 's3cret',
    });
  });

  it('leaves an empty side alone: an untouched form does not become a URI, an empty URI clears no field', () => {
    expect(switchMode({ ...emptyDraft, uri: 'postgres://kept@x/y' }, 'uri').patch).toEqual({ mode: 'uri' });
    expect(switchMode({ ...typed, mode: 'uri', uri: '' }, 'fields').patch).toEqual({ mode: 'fields' });
  });

  it('says why a URI cannot become fields, and keeps the fields as they were', () => {
    const options = switchMode({ ...typed, mode: 'uri', uri: 'postgres://h/d?application_name=x' }, 'fields');
    expect(options.patch).toEqual({ mode: 'fields' });
    expect(options.problem).toContain('application_name');
    const broken = switchMode({ ...typed, mode: 'uri', uri: 'mysql://h/d' }, 'fields');
    expect(broken.patch).toEqual({ mode: 'fields' });
    expect(broken.problem).toContain('mysql');
  });
});
