/**
 * Every MySQL corpus file (kratos) linted with every MySQL rule on (strict preset), and again as TiDB,
 * with the schema walk-through replaying the earlier files: no crash, no rule-error. Stored programs
 * whose bodies node-sql-parser cannot read are still classified, so the rules about them report.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config, DatabaseConfig } from '../src/config/model.js';
import type { EngineName } from '../src/engine.js';
import { lintProject } from '../src/lint/project.js';

const CORPORA = resolve(import.meta.dirname, '../../shared/corpora/mysql');

function configFor(dir: string, migrations: string, engine: EngineName, rules: Config['rules'] = { preset: 'strict' }): Config {
  const db: DatabaseConfig = { name: 'app', engine, migrations, history: {} };
  return { file: join(dir, 'bb.config.yaml'), dir, databases: new Map([['app', db]]), environments: [], rules, plugins: [] };
}

describe('lint: MySQL corpora', () => {
  for (const engine of ['mysql', 'tidb'] as const) {
    it(`kratos as ${engine}: every file lints without crashing or rule errors`, async () => {
      const report = await lintProject({ files: [], cwd: CORPORA, config: configFor(CORPORA, join(CORPORA, 'kratos'), engine), cache: false }); // the corpora are read, never written
      expect(report.counts.checked).toBe(readdirSync(join(CORPORA, 'kratos')).filter((f) => f.endsWith('.sql')).length);
      const errors = report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'rule-error').map((x) => `${x.file}:${x.span.line} ${x.message}`));
      expect(errors).toEqual([]);
      // The strict preset finds real things in real migrations (so the rules did run).
      expect(report.counts.warnings + report.counts.errors).toBeGreaterThan(0);
      expect(report.files.reduce((n, f) => n + f.statements, 0)).toBeGreaterThan(300);
    });
  }

  it('kratos as mysql: no syntax finding on a statement MySQL accepts', async () => {
    const report = await lintProject({ files: [], cwd: CORPORA, config: configFor(CORPORA, join(CORPORA, 'kratos'), 'mysql'), cache: false });
    const syntax = report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'syntax').map((x) => `${x.file}:${x.span.line} ${x.message}`));
    expect(syntax).toEqual([]);
  });

  it('stored programs the parser cannot read are classified, and the rules about them report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-mysql-programs-'));
    const sql = [
      'CREATE TABLE orders (id bigint PRIMARY KEY, total int) ENGINE=InnoDB;',
      'DELIMITER //',
      'CREATE DEFINER=`root`@`localhost` TRIGGER bi_orders BEFORE INSERT ON orders FOR EACH ROW BEGIN',
      '  IF NEW.total < 0 THEN SET NEW.total = 0; END IF;',
      'END//',
      'CREATE PROCEDURE purge(IN days int) BEGIN DECLARE n int DEFAULT 0; DELETE FROM orders WHERE id < days; END//',
      'CREATE FUNCTION twice(x int) RETURNS int DETERMINISTIC BEGIN RETURN x * 2; END//',
      'CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM orders WHERE total = 0; END//',
      'DELIMITER ;',
      '',
    ].join('\n');
    writeFileSync(join(dir, '0001_programs.sql'), sql);
    const report = await lintProject({ files: [], cwd: dir, config: configFor(dir, dir, 'mysql') });
    const findings = report.files.flatMap((f) => f.findings);
    expect(findings.filter((x) => x.ruleId === 'syntax' || x.ruleId === 'rule-error').map((x) => x.message)).toEqual([]);
    expect(findings.filter((x) => x.ruleId === 'table.disallow-trigger').map((x) => `${x.span.line} ${x.message}`)).toEqual(['3 Trigger bi_orders on orders: triggers are not allowed']);
    expect(report.files[0]!.statements).toBe(5);
  });
});
