/**
 * Every PostgreSQL corpus file (kratos, harbor) linted with every PostgreSQL rule on (strict preset),
 * with the schema walk-through replaying the earlier files of its folder: no crash, no rule-error,
 * and no `syntax` finding (PostgreSQL accepts every one of these statements).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config, DatabaseConfig } from '../src/config/model.js';
import { lintProject } from '../src/lint/project.js';

const CORPORA = resolve(import.meta.dirname, '../../shared/corpora/postgres');

function configFor(set: string): Config {
  const db: DatabaseConfig = { name: set, engine: 'postgres', migrations: join(CORPORA, set), history: {} };
  return { file: join(CORPORA, 'bb.config.yaml'), dir: CORPORA, databases: new Map([[set, db]]), environments: [], rules: { preset: 'strict' }, plugins: [] };
}

describe('lint: PostgreSQL corpora', () => {
  for (const set of ['kratos', 'harbor']) {
    it(`${set}: every file lints without syntax findings or rule errors`, async () => {
      const report = await lintProject({ files: [], cwd: CORPORA, config: configFor(set) });
      expect(report.counts.checked).toBe(readdirSync(join(CORPORA, set)).filter((f) => f.endsWith('.sql')).length);
      const bad = report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'syntax' || x.ruleId === 'rule-error').map((x) => `${x.file}:${x.span.line} ${x.ruleId} ${x.message}`));
      expect(bad).toEqual([]);
      // The strict preset finds real things in real migrations (so the rules did run).
      expect(report.counts.warnings + report.counts.errors).toBeGreaterThan(0);
      expect(report.files.reduce((n, f) => n + f.statements, 0)).toBeGreaterThan(100);
    });
  }

  it('named files map to their database and replay the earlier ones', async () => {
    const files = readdirSync(join(CORPORA, 'harbor')).sort();
    const last = join(CORPORA, 'harbor', files[files.length - 1]!);
    const report = await lintProject({ files: [last], cwd: CORPORA, config: configFor('harbor') });
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.database).toBe('harbor');
    expect(report.files[0]!.findings.filter((f) => f.ruleId === 'syntax')).toEqual([]);
  });
});
