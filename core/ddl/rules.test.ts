import { describe, expect, it } from 'vitest';
import { createRule, ruleTarget, setRuleEnabled } from './rules.js';
import { dropObject } from './target.js';

const definition = 'CREATE RULE "No delete" AS\n    ON DELETE TO app.t DO INSTEAD NOTHING';

describe('rules', () => {
  it('writes pg_get_ruledef’s CREATE RULE, or CREATE OR REPLACE RULE, and names the rule ON its relation', () => {
    expect(createRule('app', 't', { name: 'No delete', definition }).sql).toBe(definition);
    expect(createRule('app', 't', { name: 'No delete', definition }, { replace: true }).sql).toBe(
      'CREATE OR REPLACE RULE "No delete" AS\n    ON DELETE TO app.t DO INSTEAD NOTHING',
    );
    expect(dropObject(ruleTarget('app', 'T', 'No delete')).sql).toBe('DROP RULE "No delete" ON app."T"');
    expect(setRuleEnabled('app', 't', 'r', 'replica').sql).toBe('ALTER TABLE app.t ENABLE REPLICA RULE r');
  });

  it('refuses a definition that is not one CREATE RULE (GH222)', () => {
    expect(() => createRule('app', 't', { name: 'r', definition: 'DROP TABLE app.t' })).toThrow(
      /rule definition/,
    );
    expect(() =>
      createRule('app', 't', { name: 'r', definition: `${definition}; DROP TABLE app.t` }),
    ).toThrow(/rule definition/);
  });
});
