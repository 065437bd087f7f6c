import { describe, expect, it } from 'vitest';
import { decideTrim, readTrimmedPair, trimTogether, type RelationFingerprint } from './trim.js';

let oid = 100;
const fp = (name: string, over: Partial<RelationFingerprint> = {}): RelationFingerprint => ({
  oid: oid++,
  schema: 's',
  name,
  fixed: false,
  fingerprint: `fp-${name}`,
  key_fingerprint: `key-${name}`,
  refs: [],
  sequence_oids: [],
  ...over,
});
const ref = (via: string, schema: string, name: string) => `${via}\x1f${schema}\x1f${name}`;
const side = (rows: RelationFingerprint[], major = 17) => ({ major, rows });
const readNames = (rows: RelationFingerprint[], read: readonly number[]) =>
  rows.filter((r) => read.includes(r.oid)).map((r) => r.name);

describe('decideTrim', () => {
  it('leaves out the tables equal on both sides, with their sequences, and reads the rest', () => {
    const a = [fp('same', { sequence_oids: [7] }), fp('changed'), fp('gone'), fp('view', { fixed: true })];
    const b = [fp('same'), fp('changed', { fingerprint: 'other' }), fp('new'), fp('view', { fixed: true })];
    const d = decideTrim(side(a), side(b))!;
    expect(readNames(a, d.from.read)).toEqual(['changed', 'gone', 'view']);
    expect(readNames(b, d.to.read)).toEqual(['changed', 'new', 'view']);
    expect(d.from.leaveOutSequences).toEqual([7]);
    expect(d.equalLeftOut).toBe(1);
  });

  it('reads a table whose foreign key targets a change to what the key rests on, one level only', () => {
    const mk = (changed: string) => [
      fp('parent', { fingerprint: changed, key_fingerprint: changed }),
      fp('child', { refs: [ref('f', 's', 'parent')] }),
      fp('grandchild', { refs: [ref('f', 's', 'child')] }),
    ];
    const a = mk('one');
    const d = decideTrim(side(a), side(mk('two')))!;
    expect(readNames(a, d.from.read)).toEqual(['parent', 'child']);
  });

  it('leaves out a table whose foreign key targets a change that keeps the key, unless the target is fixed', () => {
    const mk = (changed: string, fixed = false) => [
      fp('parent', { fingerprint: changed, fixed }),
      fp('child', { refs: [ref('f', 's', 'parent')] }),
      fp('gone_parent'),
      fp('orphan', { refs: [ref('f', 's', 'gone_parent')] }),
    ];
    const a = mk('one');
    const b = mk('two').filter((r) => r.name !== 'gone_parent');
    expect(readNames(a, decideTrim(side(a), side(b))!.from.read)).toEqual([
      'parent',
      'gone_parent',
      'orphan',
    ]);
    const fixed = mk('one', true);
    expect(readNames(fixed, decideTrim(side(fixed), side(mk('one')))!.from.read)).toEqual([
      'parent',
      'child',
    ]);
  });

  it('follows other uses to the end, and reads what names a relation neither side lists', () => {
    const mk = (v: string) => [
      fp('base', { fingerprint: v }),
      fp('uses', { refs: [ref('o', 's', 'base')] }),
      fp('uses_uses', { refs: [ref('o', 's', 'uses')] }),
      fp('outside', { refs: [ref('o', 'elsewhere', 'x')] }),
      fp('alone'),
    ];
    const a = mk('one');
    const d = decideTrim(side(a), side(mk('two')))!;
    expect(readNames(a, d.from.read)).toEqual(['base', 'uses', 'uses_uses', 'outside']);
  });

  it('reads a table whose ref cannot be taken apart (a name holding the separator)', () => {
    const mk = () => [fp('t', { refs: ['o\x1fs\x1fa\x1fb'] }), fp('a\x1fb')];
    const a = mk();
    expect(readNames(a, decideTrim(side(a), side(mk()))!.from.read)).toEqual(['t']);
  });

  it('reads a table whose named relations differ, and everything across majors', () => {
    const a = [fp('t', { refs: [ref('o', 's', 'x')] }), fp('x'), fp('y')];
    const b = [fp('t', { refs: [ref('o', 's', 'y')] }), fp('x'), fp('y')];
    expect(readNames(a, decideTrim(side(a), side(b))!.from.read)).toEqual(['t']);
    expect(decideTrim(side(a, 16), side(a, 17))).toBeNull();
  });
});

describe('trimTogether', () => {
  it('answers both sides once both have handed over, and releases a waiting side on failure', async () => {
    const pair = trimTogether();
    const a = [fp('t')];
    const [x, y] = await Promise.all([pair.from(side(a)), pair.to(side([fp('t')]))]);
    expect(x?.read).toEqual([]);
    expect(y?.read).toEqual([]);
    expect((await pair.decided)?.equalLeftOut).toBe(1);
    const lonely = trimTogether();
    const waiting = lonely.from(side(a));
    lonely.fail();
    expect(await waiting).toBeNull();
    expect(await lonely.decided).toBeNull();
  });
});

describe('readTrimmedPair', () => {
  it("gives both reads their side's decision, and fails without waiting when one read fails first", async () => {
    const read = async (trim: (s: ReturnType<typeof side>) => Promise<unknown>) => trim(side([fp('t')]));
    const pair = await readTrimmedPair(read, read);
    expect(pair.decided?.equalLeftOut).toBe(1);
    // The other read waits for fingerprints that never come: released, and the pair fails with the first error.
    const failing = readTrimmedPair(read, () => Promise.reject(new Error('no connection')));
    await expect(failing).rejects.toThrow('no connection');
  });
});
