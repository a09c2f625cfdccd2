import { describe, expect, it } from 'vitest';
import { loadBuiltinRules } from './registry.js';
import { ruleProblems } from './rule-shape.js';

/** docs/lint.md's worked example. */
const example = () => ({
  meta: {
    id: 'custom.no-drop-protected', engines: ['postgres', 'mysql'], kinds: ['drop-table'], category: 'table', defaultLevel: 'error', recommended: true,
    description: 'Forbid dropping protected tables',
    payload: { list: { type: 'list', default: ['users', 'payments'], description: 'Protected tables' } },
    messages: { dropped: 'Table {{table}} is protected and must not be dropped' },
    examples: { bad: 'DROP TABLE users;', good: 'DROP TABLE sessions_del;' },
  } as Record<string, unknown>,
  *check() { /* nothing */ },
});

describe('ruleProblems', () => {
  it('accepts docs/lint.md\'s example, with or without docs, and a checkFile-only rule', () => {
    expect(ruleProblems(example())).toEqual([]);
    const documented = example();
    documented.meta.docs = 'https://wiki.example.com/db/protected-tables';
    expect(ruleProblems(documented)).toEqual([]);
    const fileOnly = { meta: { ...example().meta, kinds: [] }, *checkFile() { /* nothing */ } };
    expect(ruleProblems(fileOnly)).toEqual([]);
  });

  it('accepts every built-in rule (the shapes bb itself uses)', async () => {
    const rules = await loadBuiltinRules();
    expect(rules.length).toBeGreaterThan(100);
    expect(rules.filter((r) => ruleProblems(r).length > 0).map((r) => `${r.meta.id}: ${ruleProblems(r).join('; ')}`)).toEqual([]);
  });

  it('names each missing or wrong field', () => {
    const broken = (change: (meta: Record<string, unknown>) => void) => {
      const rule = example();
      change(rule.meta);
      return ruleProblems(rule);
    };
    expect(broken((m) => delete m.kinds)).toEqual([expect.stringMatching(/^meta\.kinds must list statement kinds among "\*", "create-table"/)]);
    expect(broken((m) => (m.engines = ['postgress']))).toEqual([expect.stringMatching(/^meta\.engines must list engines among "postgres"/)]);
    expect(broken((m) => (m.engines = []))).toEqual([expect.stringMatching(/^meta\.engines/)]);
    expect(broken((m) => (m.category = 'tables'))).toEqual([expect.stringMatching(/^meta\.category must be one of "naming"/)]);
    expect(broken((m) => (m.defaultLevel = 'warn'))).toEqual(['meta.defaultLevel must be one of "error", "warning", "off"']);
    expect(broken((m) => delete m.recommended)).toEqual(['meta.recommended must be true or false']);
    expect(broken((m) => (m.description = ' '))).toEqual(['meta.description must be a one-line text']);
    expect(broken((m) => delete m.messages)).toEqual(['meta.messages must map each messageId to a text']);
    expect(broken((m) => (m.examples = { bad: 'DROP TABLE users;' }))).toEqual(['meta.examples must have a bad and a good SQL text']);
    expect(broken((m) => (m.payload = { list: { type: 'array', default: [], description: 'x' } }))).toEqual([expect.stringMatching(/^meta\.payload\.list\.type must be one of "string", "template"/)]);
    expect(broken((m) => (m.payload = { list: { type: 'list', default: 'users', description: 'x' } }))).toEqual(['meta.payload.list.default must be a list']);
    expect(broken((m) => delete m.payload)).toEqual(['meta.payload must be an object ({} when the rule has no options)']);
    expect(broken((m) => (m.id = 'no spaces allowed'))).toEqual([expect.stringMatching(/^meta\.id must be a name/)]);
    expect(broken((m) => (m.docs = 42))).toEqual(['meta.docs, when given, must be a URL or a path']);
    expect(broken((m) => (m.payload = { max: { type: 'number', default: 5, min: '0', integer: 'yes', description: 'x' } }))).toEqual(['meta.payload.max.min, when given, must be a number', 'meta.payload.max.integer, when given, must be true or false']);
    expect(broken((m) => (m.payload = { max: { type: 'number', default: -1, min: 0, description: 'x' } }))).toEqual(['meta.payload.max.default must be a value its min and integer allow']);
    // Several at once, in the order of the fields.
    expect(broken((m) => {
      delete m.kinds;
      m.defaultLevel = 'fatal';
    })).toHaveLength(2);
  });

  it('names a rule with no check function or no meta at all', () => {
    expect(ruleProblems({ meta: example().meta })).toEqual(['has none of check, checkFile or checkLive']);
    expect(ruleProblems({ check() { /* nothing */ } })).toEqual(['has no meta object']);
    expect(ruleProblems('custom.rule')).toEqual(['is not an object']);
    expect(ruleProblems({ ...example(), check: [] })).toEqual(['has none of check, checkFile or checkLive', 'check, when given, must be a function']);
    expect(ruleProblems({ ...example(), checkFile: 'yes' })).toEqual(['checkFile, when given, must be a function']);
  });
});
