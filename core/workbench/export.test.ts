import { describe, expect, it } from 'vitest';
import { toCsv, toJson } from './export.js';

describe('export', () => {
  it('writes RFC 4180 CSV, NULL empty and the empty string quoted', () => {
    expect(
      toCsv(
        ['id', 'note'],
        [
          ['1', 'a,b'],
          ['2', 'say "hi"\nthere'],
          ['3', null],
          ['4', ''],
        ],
      ),
    ).toBe('id,note\r\n1,"a,b"\r\n2,"say ""hi""\nthere"\r\n3,\r\n4,""\r\n');
  });
  it('writes JSON objects with text values', () => {
    expect(JSON.parse(toJson(['id', 'big'], [['1', '9007199254740993']]))).toEqual([
      { id: '1', big: '9007199254740993' },
    ]);
  });
});
