import { describe, expect, it } from 'vitest';
import { resolveColumnOrigin, viewColumnOrigins, type ColumnOrigin } from './view-sources.js';

// Shaped like pg_rewrite.ev_action text: a subquery in FROM (with its own targetList) comes first,
// an escaped column name contains what looks like a key, and a junk entry must be ignored.
const tree =
  '({QUERY :commandType 1 :rtable ({RANGETBLENTRY :subquery {QUERY :targetList ' +
  '({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname x :ressortgroupref 0 :resorigtbl 111 :resorigcol 7 :resjunk false})' +
  '}}) :targetList (' +
  '{TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname odd\\ :resorigtbl\\ 9 :ressortgroupref 0 :resorigtbl 222 :resorigcol 3 :resjunk false} ' +
  '{TARGETENTRY :expr {FUNCEXPR :args ({TARGETENTRY :resno 9 :resorigtbl 5 :resorigcol 5 :resjunk true})} :resno 2 :resname e :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} ' +
  '{TARGETENTRY :expr {VAR :varno 1} :resno 3 :resname j :ressortgroupref 1 :resorigtbl 222 :resorigcol 4 :resjunk true}' +
  ') :override 0})';

describe('viewColumnOrigins', () => {
  it('reads only the top-level target list, skipping expressions and junk', () => {
    expect([...viewColumnOrigins(tree)]).toEqual([[1, { relationOid: 222, attnum: 3 }]]);
  });

  it('skips escaped brackets and backslashes in names', () => {
    const escaped =
      '({QUERY :rtable ({RANGETBLENTRY :alias {ALIAS :aliasname a\\(b\\\\ :colnames ("x\\}")}}) :targetList (' +
      '{TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname c\\{ :resorigtbl 7 :resorigcol 2 :resjunk false}' +
      ') :override 0})';
    expect([...viewColumnOrigins(escaped)]).toEqual([[1, { relationOid: 7, attnum: 2 }]]);
  });

  it('returns nothing for a tree without a target list', () => {
    expect(viewColumnOrigins('({QUERY :commandType 1 :targetList <>})').size).toBe(0);
  });
});

describe('resolveColumnOrigin', () => {
  const origins = new Map<number, Map<number, ColumnOrigin>>([
    [10, new Map([[1, { relationOid: 20, attnum: 2 }]])],
    [20, new Map([[2, { relationOid: 30, attnum: 5 }]])],
    [40, new Map([[1, { relationOid: 41, attnum: 1 }]])],
    [41, new Map([[1, { relationOid: 40, attnum: 1 }]])],
  ]);
  it('follows views of views down to the table', () => {
    expect(resolveColumnOrigin(origins, 10, 1)).toEqual({ relationOid: 30, attnum: 5 });
  });
  it('gives up on cycles and unknown columns', () => {
    expect(resolveColumnOrigin(origins, 40, 1)).toBeNull();
    expect(resolveColumnOrigin(origins, 10, 9)).toBeNull();
  });
});
