/**
 * Parity between rules/*.ts, rules/index.ts, the tests beside the rules and docs/rules/*.md: file name =
 * rule id, registered (sorted), a test file, an up-to-date generated page (a heading per payload key),
 * and examples that behave (bad → a finding of the rule, good → none, both parse); the engine pages that
 * list their engine's rules (lint-mysql.md, snowflake.md, clickhouse.md's table) name every one.
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

  it('built-in finding ids have pages, and docs/lint.md names each', () => {
    const lint = readFileSync(join(root, 'docs/lint.md'), 'utf8');
    for (const [id, text] of Object.entries(BUILTIN_PAGES)) {
      expect(readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8'), id).toBe(text);
      expect(lint, `docs/lint.md does not name the built-in finding ${id}`).toContain(`\`${id}\``);
    }
  });

  describe('engine pages that list the rules of their engine', () => {
    const section = (path: string, from: string, to: string): string => {
      const text = readFileSync(join(root, path), 'utf8');
      const start = text.indexOf(from);
      expect(start, `${path}: "${from}"`).toBeGreaterThan(-1);
      return text.slice(start, text.indexOf(to, start + from.length));
    };
    const named = (text: string): string[] => [...text.matchAll(/`([a-z]+(?:\.[a-z0-9-]+)+)`/g)].map((m) => m[1]!).filter((id) => id in MANIFEST);
    const onEngine = (...engines: string[]): string[] => files.filter((id) => MANIFEST[id]!.engines.some((e) => engines.includes(e)));

    it('docs/lint-mysql.md names every MySQL and TiDB rule, the "MySQL/TiDB only" ones only there', () => {
      const rules = section('docs/lint-mysql.md', '## Rules', '\n## ');
      const only = section('docs/lint-mysql.md', 'MySQL/TiDB only:', '\n\n');
      expect(onEngine('mysql', 'tidb').filter((id) => !named(rules).includes(id))).toEqual([]);
      expect(named(only).filter((id) => !MANIFEST[id]!.engines.every((e) => e === 'mysql' || e === 'tidb'))).toEqual([]);
      const shared = section('docs/lint-mysql.md', 'Shared with PostgreSQL/Snowflake', 'MySQL/TiDB only:');
      expect(named(shared).filter((id) => MANIFEST[id]!.engines.every((e) => e === 'mysql' || e === 'tidb'))).toEqual([]);
    });

    it('docs/engines/snowflake.md names every Snowflake rule, and only those', () => {
      const rules = section('docs/engines/snowflake.md', 'Rules that apply to Snowflake:', '\n## ');
      expect(onEngine('snowflake').filter((id) => !named(rules).includes(id))).toEqual([]);
      expect(named(rules).filter((id) => !MANIFEST[id]!.engines.includes('snowflake'))).toEqual([]);
    });

    it("docs/engines/clickhouse.md has a row per clickhouse.* rule with its default level", () => {
      const table = section('docs/engines/clickhouse.md', "bb's own ClickHouse rules", '\nLimits:');
      const rows = files.filter((id) => id.startsWith('clickhouse.')).map((id) => {
        const m = MANIFEST[id]!;
        return `| \`${id}\` | ${m.defaultLevel}${m.recommended ? '' : ', not recommended'} |`;
      });
      expect(rows.filter((row) => !table.includes(row))).toEqual([]);
    });
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
