/**
 * Parity between rules/*.ts, rules/index.ts, the tests beside the rules and docs/rules/*.md: file name =
 * rule id, registered (sorted), a test file, an up-to-date generated page (a heading per payload key),
 * and examples that behave (bad → a finding of the rule, good → none, both parse).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { MANIFEST } from '../rules/manifest.js';
import { BUILTIN_PAGES, renderRuleDoc } from '../src/lint/docs.js';
import { runRule } from '../src/lint/rule-tester.js';
import type { AnyRule, PayloadField } from '../src/lint/types.js';

const root = join(import.meta.dirname, '..');
const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'manifest.ts').map((f) => f.slice(0, -3)).sort();

const indexSource = readFileSync(join(root, 'rules/index.ts'), 'utf8');

describe('rules parity', () => {
  it('rules/index.ts lists exactly the rule files, sorted', () => {
    const keys = Object.keys(RULES);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(files);
  });

  it('built-in finding ids have pages', () => {
    for (const [id, text] of Object.entries(BUILTIN_PAGES)) expect(readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8'), id).toBe(text);
  });

  for (const id of files) {
    describe(id, () => {
      const load = async (): Promise<AnyRule> => (await RULES[id]!()).default as unknown as AnyRule;

      it('meta.id is the file name, with a test beside it', async () => {
        const rule = await load();
        expect(rule.meta.id).toBe(id);
        expect(existsSync(join(root, 'rules', `${id}.test.ts`)), `rules/${id}.test.ts`).toBe(true);
        expect(rule.meta.engines.length).toBeGreaterThan(0);
        expect(rule.meta.description.length).toBeGreaterThan(0);
      });

      it('rules/manifest.ts matches the meta (npm run build && node scripts/gen-rule-index.mjs)', async () => {
        const m = (await load()).meta;
        expect(MANIFEST[id], `rules/manifest.ts has no entry for ${id}`).toEqual({ engines: m.engines, defaultLevel: m.defaultLevel, recommended: m.recommended });
      });

      it('loads through the group of its engines and preset (rules/groups, generated with the manifest)', () => {
        const m = MANIFEST[id]!;
        const group = `${[...m.engines].sort().join('_')}${m.recommended ? '' : '-more'}`;
        expect(indexSource).toContain(`'${id}': () => from(import('./groups/${group}.js'), '${id}'),`);
      });

      it('docs page is generated and up to date', async () => {
        const rule = await load();
        const path = join(root, 'docs/rules', `${id}.md`);
        expect(existsSync(path), `docs/rules/${id}.md is missing: npm run build && node scripts/gen-rule-docs.mjs`).toBe(true);
        const page = readFileSync(path, 'utf8');
        for (const key of Object.keys(rule.meta.payload as Record<string, PayloadField>)) expect(page).toContain(`### ${key}\n`);
        expect(page, `docs/rules/${id}.md is out of date: npm run build && node scripts/gen-rule-docs.mjs`).toBe(renderRuleDoc(rule));
      });

      it('examples behave: bad reports, good does not', async (t) => {
        const rule = await load();
        if (rule.meta.requiresConnection) return t.skip();
        const engine = rule.meta.engines[0]!;
        const payload = rule.meta.examplePayload ?? {};
        const bad = await runRule(rule, { sql: rule.meta.examples.bad, payload }, engine);
        expect(bad.filter((f) => f.ruleId === 'syntax').map((f) => f.message)).toEqual([]);
        expect(bad.filter((f) => f.ruleId === id).length, 'the bad example must report').toBeGreaterThan(0);
        const good = await runRule(rule, { sql: rule.meta.examples.good, payload }, engine);
        expect(good.filter((f) => f.ruleId === 'syntax' || f.ruleId === id || f.ruleId === 'rule-error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      });
    });
  }
});
