/**
 * The grammar against PostgREST's own examples (the doctests of QueryParams.hs): inputs that must parse, and
 * inputs whose error position and "unexpected … expecting …" text must match Parsec's exactly.
 */
import { describe, expect, it } from 'vitest';
import type { Parser } from './parsec.js';
import { run, showErrorMessages } from './parsec.js';
import { pFieldName, pJsonPath, pSingleVal } from './grammar.js';
import { pFieldForest, pFieldSelect, pRelationSelect, pSpreadRelationSelect } from './select.js';
import { pOpExpr } from './filter.js';
import { pOrder } from './order.js';
import { pLogicTree } from './logic.js';

const parsers: Record<string, Parser<unknown>> = {
  pFieldForest,
  pFieldName,
  pJsonPath,
  pFieldSelect,
  pRelationSelect,
  pSpreadRelationSelect,
  opExpr: pOpExpr(pSingleVal),
  pOrder,
  pLogicTree,
};

/** [parser, input, null = parses | "(line, column): messages"] */
const vectors: [string, string, string | null][] = [
  ['pFieldForest', 'id', null],
  ['pFieldForest', 'client(id)', null],
  ['pFieldForest', '*,client(*,nested(*))', null],
  ['pFieldForest', '*,...client(*),other(*)', null],
  ['pFieldForest', '', null],
  [
    'pFieldForest',
    'id,clients(name[])',
    '(line 1, column 16) unexpected \'[\' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input',
  ],
  [
    'pFieldForest',
    'data->>-78xy',
    '(line 1, column 11) unexpected \'x\' expecting digit, "->", "::", ".", "," or end of input',
  ],
  ['pFieldName', 'identifier', null],
  ['pFieldName', 'identifier with spaces', null],
  ['pFieldName', 'identifier-with-dashes', null],
  ['pFieldName', '123', null],
  ['pFieldName', '_', null],
  ['pFieldName', '$', null],
  ['pFieldName', ':', '(line 1, column 1) unexpected ":" expecting field name (* or [a..z0..9_$])'],
  ['pFieldName', '":"', null],
  ['pFieldName', ' no leading or trailing spaces ', null],
  ['pFieldName', '" leading and trailing spaces "', null],
  ['pJsonPath', '->text', null],
  ['pJsonPath', '->!@#$%^&*_a', null],
  ['pJsonPath', '->1', null],
  ['pJsonPath', '->>text', null],
  ['pJsonPath', '->>!@#$%^&*_a', null],
  ['pJsonPath', '->>1', null],
  ['pJsonPath', '->0,other', null],
  ['pJsonPath', '->0.desc', null],
  [
    'pJsonPath',
    '->>-78xy',
    '(line 1, column 7) unexpected \'x\' expecting digit, "->", "::", ".", "," or end of input',
  ],
  ['pJsonPath', '->>--34', '(line 1, column 5) unexpected "-" expecting digit'],
  ['pJsonPath', '->>-xy-4', '(line 1, column 5) unexpected "x" expecting digit'],
  ['pRelationSelect', 'rel(*)', null],
  ['pRelationSelect', 'alias:rel(*)', null],
  ['pRelationSelect', 'rel!hint(*)', null],
  ['pRelationSelect', 'rel!inner(*)', null],
  ['pRelationSelect', 'rel!hint!inner(*)', null],
  ['pRelationSelect', 'alias:rel!inner!hint(*)', null],
  ['pRelationSelect', 'rel->jsonpath(*)', "(line 1, column 6) unexpected '>'"],
  ['pRelationSelect', 'rel->jsonpath!hint(*)', "(line 1, column 6) unexpected '>'"],
  ['pFieldSelect', 'name', null],
  ['pFieldSelect', 'name->jsonpath', null],
  ['pFieldSelect', 'name::cast', null],
  ['pFieldSelect', 'alias:name', null],
  ['pFieldSelect', 'alias:name->jsonpath::cast', null],
  ['pFieldSelect', 'alias:name->!@#$%^&*_a::cast', null],
  ['pFieldSelect', '*', null],
  [
    'pFieldSelect',
    'name!hint',
    '(line 1, column 5) unexpected \'!\' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input',
  ],
  ['pFieldSelect', '*!hint', '(line 1, column 2) unexpected \'!\' expecting ")", "," or end of input'],
  ['pFieldSelect', 'name::', '(line 1, column 7) unexpected end of input expecting letter or digit'],
  ['pSpreadRelationSelect', '...rel(*)', null],
  ['pSpreadRelationSelect', '...rel!hint!inner(*)', null],
  ['pSpreadRelationSelect', 'rel(*)', '(line 1, column 1) unexpected "r" expecting "..."'],
  ['pSpreadRelationSelect', 'alias:...rel(*)', '(line 1, column 1) unexpected "a" expecting "..."'],
  ['pSpreadRelationSelect', '...rel->jsonpath(*)', "(line 1, column 9) unexpected '>'"],
  ['opExpr', 'fts().value', '(line 1, column 5) unexpected ")" expecting operator (eq, gt, ...)'],
  ['opExpr', 'eq(any).value', null],
  ['opExpr', 'eq(all).value', null],
  ['opExpr', 'not.eq(all).value', null],
  ['opExpr', 'eq().value', '(line 1, column 4) unexpected ")" expecting operator (eq, gt, ...)'],
  ['opExpr', 'is().value', '(line 1, column 3) unexpected "(" expecting operator (eq, gt, ...)'],
  ['opExpr', 'in().value', '(line 1, column 3) unexpected "(" expecting operator (eq, gt, ...)'],
  ['pOrder', 'name.desc.nullsfirst', null],
  ['pOrder', 'json_col->key.asc.nullslast', null],
  ['pOrder', 'json_col->!@#$%^&*_a.asc.nullslast', null],
  ['pOrder', 'clients(json_col->key).desc.nullsfirst', null],
  ['pOrder', 'clients(json_col->!@#$%^&*_a).desc.nullsfirst', null],
  [
    'pOrder',
    'clients(name,id)',
    '(line 1, column 8) unexpected \'(\' expecting letter, digit, "-", "->>", "->", delimiter (.), "," or end of input',
  ],
  ['pOrder', 'name,clients(name),id', null],
  [
    'pOrder',
    'id.ac',
    '(line 1, column 4) unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast"',
  ],
  ['pOrder', 'id.descc', '(line 1, column 8) unexpected \'c\' expecting delimiter (.), "," or end of input'],
  [
    'pOrder',
    'id.nulsfist',
    '(line 1, column 4) unexpected "n" expecting "asc", "desc", "nullsfirst" or "nullslast"',
  ],
  ['pOrder', 'id.nullslasttt', '(line 1, column 13) unexpected \'t\' expecting "," or end of input'],
  [
    'pOrder',
    'id.smth34',
    '(line 1, column 4) unexpected "s" expecting "asc", "desc", "nullsfirst" or "nullslast"',
  ],
  ['pOrder', 'id.asc.nlsfst', '(line 1, column 8) unexpected "l" expecting "nullsfirst" or "nullslast"'],
  ['pOrder', 'id.asc.nullslasttt', '(line 1, column 17) unexpected \'t\' expecting "," or end of input'],
  ['pOrder', 'id.asc.smth34', '(line 1, column 8) unexpected "s" expecting "nullsfirst" or "nullslast"'],
  [
    'pLogicTree',
    'or()',
    '(line 1, column 4) unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)',
  ],
  ['pLogicTree', 'or(id.in.1,2,id.eq.3)', '(line 1, column 10) unexpected "1" expecting "("'],
  ['pLogicTree', 'or)(', '(line 1, column 3) unexpected ")" expecting "("'],
  ['pLogicTree', 'and(ord(id.eq.1,id.eq.1),id.eq.2)', '(line 1, column 7) unexpected "d" expecting "("'],
  [
    'pLogicTree',
    'or(id.eq.1,not.xor(id.eq.2,id.eq.3))',
    '(line 1, column 16) unexpected "x" expecting logic operator (and, or)',
  ],
];

describe('PostgREST grammar vectors', () => {
  it.each(vectors)('%s %j', (name, input, expected) => {
    const r = run(parsers[name]!, input);
    if (expected === null) {
      expect(r.ok).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const got = `(line ${r.error.pos.line}, column ${r.error.pos.column}) ${showErrorMessages(r.error.msgs).split('\n').slice(1).join(' ')}`;
      expect(got).toBe(expected);
    }
  });
});
