/**
 * Every PostgreSQL corpus file (kratos, harbor) linted with every PostgreSQL rule on (strict preset),
 * with the schema walk-through replaying the earlier files of its folder: no crash, no rule-error,
 * and no `syntax` finding (PostgreSQL accepts every one of these statements).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      const report = await lintProject({ files: [], cwd: CORPORA, config: configFor(set), cache: false }); // the corpora are read, never written
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
    const report = await lintProject({ files: [last], cwd: CORPORA, config: configFor('harbor'), cache: false });
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.database).toBe('harbor');
    expect(report.files[0]!.findings.filter((f) => f.ruleId === 'syntax')).toEqual([]);
  });
});

/** A project in a temp folder: migrations m/<name> of database app (postgres), only schema.walk-through on. */
function walkThroughProject(migrations: Record<string, string>): { dir: string; config: Config } {
  const dir = mkdtempSync(join(tmpdir(), 'bb-lint-replay-'));
  mkdirSync(join(dir, 'm'));
  for (const [name, sql] of Object.entries(migrations)) writeFileSync(join(dir, 'm', name), sql);
  const db: DatabaseConfig = { name: 'app', engine: 'postgres', migrations: join(dir, 'm'), history: {} };
  return { dir, config: { file: join(dir, 'bb.config.yaml'), dir, databases: new Map([['app', db]]), environments: [], rules: { preset: 'none', 'schema.walk-through': 'warning' }, plugins: [] } };
}

describe('lint: schema replay across files', () => {
  it('a file sees the tables of every earlier file, whether replayed or linted before it', async () => {
    const { dir, config } = walkThroughProject({
      '0001_a.sql': 'CREATE TABLE a (id bigint PRIMARY KEY);\n',
      '0002_b.sql': 'CREATE TABLE b (id bigint PRIMARY KEY);\nALTER TABLE a ADD COLUMN note text;\n',
      '0003_c.sql': 'ALTER TABLE a ADD COLUMN note text;\nALTER TABLE b DROP COLUMN nope;\nALTER TABLE c ADD COLUMN x int;\n',
    });
    const all = await lintProject({ files: [], cwd: dir, config });
    const only3 = await lintProject({ files: [join(dir, 'm/0003_c.sql')], cwd: dir, config });
    const messages = (r: typeof all): string[] => r.files.flatMap((f) => f.findings.map((x) => `${x.file}:${x.span.line} ${x.message}`));
    const expected = [
      'm/0003_c.sql:1 Column note already exists in a',
      'm/0003_c.sql:2 Column nope does not exist in b',
      'm/0003_c.sql:3 Table c does not exist (not created by an earlier migration)',
    ];
    expect(messages(all)).toEqual(expected);
    expect(messages(only3)).toEqual(expected);
  });

  it('keeps the replay in .bb/cache for the next run, replays again what changed, and --no-cache ignores it', async () => {
    const { dir, config } = walkThroughProject({
      '0001_a.sql': 'CREATE TABLE a (id bigint PRIMARY KEY);\n',
      '0002_b.sql': 'CREATE TABLE b (id bigint PRIMARY KEY);\n',
      '0003_c.sql': 'ALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\n',
    });
    const lint3 = async (cache?: false): Promise<string[]> => (await lintProject({ files: [join(dir, 'm/0003_c.sql')], cwd: dir, config, ...(cache === false ? { cache } : {}) })).files.flatMap((f) => f.findings.map((x) => `${x.span.line} ${x.message}`));
    const cacheFile = join(dir, '.bb/cache/lint-replay-app.json');
    const missingB = ['2 Table b does not exist (not created by an earlier migration)'];

    expect(await lint3()).toEqual([]);
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: { path: string }[]; model: { tables: [string, unknown][] } };
    expect(kept.files.map((f) => f.path)).toEqual(['m/0001_a.sql', 'm/0002_b.sql']);

    // The next run starts from the kept schema (here altered by hand to lack table b), unless --no-cache.
    writeFileSync(cacheFile, JSON.stringify({ ...kept, model: { ...kept.model, tables: kept.model.tables.filter(([name]) => name !== 'b') } }));
    expect(await lint3()).toEqual(missingB);
    expect(await lint3(false)).toEqual([]);

    // An earlier file that changed is replayed again: its checksum no longer matches the kept one.
    rmSync(cacheFile);
    expect(await lint3()).toEqual([]);
    writeFileSync(join(dir, 'm/0002_b.sql'), 'CREATE TABLE bx (id bigint PRIMARY KEY);\n');
    expect(await lint3()).toEqual(missingB);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).files.map((f: { path: string }) => f.path)).toEqual(['m/0001_a.sql', 'm/0002_b.sql']);

    // --no-cache neither reads nor writes it.
    rmSync(join(dir, '.bb'), { recursive: true });
    await lint3(false);
    expect(existsSync(join(dir, '.bb'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
