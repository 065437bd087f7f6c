import { corpusServers, describeCorpus } from './test-corpus-suite.js';

// The PostgREST conformance corpus and the round-2 cases on the first half of the servers (the newest and the
// oldest); corpus-b.pg.test.ts runs the others, so the two test workers share the work.
describeCorpus(corpusServers(0));
