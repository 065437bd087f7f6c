import { describe, expect, it } from 'vitest';
import { fuzzyBest, levenshtein } from './fuzzy.js';

describe('fuzzy hints', () => {
  it('levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });
  it('suggests a close table name at 0.75 and nothing for distant ones (PostgREST ErrorSpec examples)', () => {
    const tables = ['projects', 'clients', 'tasks'];
    expect(fuzzyBest(tables, 'projectx', 0.75)).toBe('projects');
    expect(fuzzyBest(tables, 'projecxx', 0.75)).toBe('projects');
    expect(fuzzyBest(tables, 'projxxxx', 0.75)).toBeNull();
  });
  it('matches parameter lists like PostgREST doc examples', () => {
    const lists = ['(name, param, val)', '(attr, id)'];
    expect(fuzzyBest(lists, '(nam, pqaram, vall)')).toBe('(name, param, val)');
    expect(fuzzyBest(lists, '(param, val)')).toBe('(name, param, val)');
    expect(fuzzyBest(lists, '(attrs, id)')).toBe('(attr, id)');
    expect(fuzzyBest(lists, '(id)')).toBe('(attr, id)');
    expect(fuzzyBest(lists, '(noclosealternative)')).toBeNull();
  });
  it('suggests relation names', () => {
    expect(fuzzyBest(['directors', 'roles', 'actors'], 'role')).toBe('roles');
    expect(fuzzyBest(['films'], 'film')).toBe('films');
    expect(fuzzyBest(['directors', 'roles', 'actors'], 'noclosealternative')).toBeNull();
  });
});
