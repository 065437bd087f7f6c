import { describe, expect, it } from 'vitest';
import { pgServers } from '../../../test/pg.js';
import { corpusServers, describeCorpus } from './test-corpus-suite.js';

// The PostgREST conformance corpus and the round-2 cases on the servers corpus.pg.test.ts leaves out.
const servers = corpusServers(1);
describeCorpus(servers);

describe('the corpus servers', () => {
  it('are split between the two corpus files, each server in exactly one', () => {
    const all = [...corpusServers(0), ...servers].map((s) => s.major).sort((a, b) => a - b);
    expect(all).toEqual(
      pgServers()
        .map((s) => s.major)
        .sort((a, b) => a - b),
    );
  });
});
