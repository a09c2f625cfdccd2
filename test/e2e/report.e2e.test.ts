/** `bb report` through the real binary: --out for every format, and a target it cannot reach counted as a problem. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

describe('bb report', () => {
  let dir: string;
  beforeAll(async () => {
    // prod points at a closed port: its history cannot be read.
    dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n  - name: prod\n    targets: { app: "postgres://app@127.0.0.1:9/app?connect_timeout=5" }\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
    });
    const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(migrate.code, migrate.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json -o writes the JSON to the file, as markdown and html do, and says where', async () => {
    const run = await bb(['report', '--format', 'json', '-o', 'out/report.json', '--no-lint', '--no-drift'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('Wrote out/report.json.');
    const written = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as { format: string; report: { environments: { name: string }[] } };
    expect([written.format, written.report.environments.map((e) => e.name)]).toEqual(['json', ['dev', 'prod']]);
    // Without -o the same document goes to stdout.
    const stdout = await bb(['report', '--format', 'json', '--no-lint', '--no-drift'], { cwd: dir });
    expect((JSON.parse(stdout.stdout) as { report: { config: string } }).report.config).toBe('bb.config.yaml');
  }, 60_000);

  it('counts a target that cannot be read as an open problem, in the summary and in the documents', async () => {
    const run = await bb(['report', '--format', 'pretty', '-o', 'page.html', '--no-lint', '--no-drift'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Wrote page\.html \(\d+ KB\): 2 environments, 2 targets, 1 version, 1 open problem \(1 target could not be read\)\.$/m);
    expect(run.stdout).not.toContain('no open problems');
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toContain('1 target could not be read, so what stands there is unknown');
    const md = await bb(['report', '--format', 'markdown', '--no-lint', '--no-drift'], { cwd: dir });
    expect(md.stdout).toMatch(/### Open failures\n\nNone on the targets that could be read; 1 target could not be read/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(clean(run)).toBe(true);
  }, 60_000);
});

describe('bb report with a misplaced -- bb: directive in a pending file', () => {
  it('lints it as a directive finding of that file, as bb lint and bb review do, instead of stopping', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
      'migrations/0002_b.sql': 'CREATE TABLE b (id int PRIMARY KEY);\n-- bb:transaction off\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n',
    });
    try {
      const run = await bb(['report', '--format', 'json', '--no-drift'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { report: { lint: { status: string; files: { path: string; findings: { ruleId: string; line: number }[] }[] } } };
      expect(out.report.lint.status).toBe('checked');
      expect(out.report.lint.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.ruleId}`))).toContain('migrations/0002_b.sql:2 directive');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
