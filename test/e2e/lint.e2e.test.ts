/**
 * bb lint through the real binary (npm run build first): exit codes, formats, suppression comments,
 * config mapping and the schema walk-through across files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';
import { PostgresDatabases, postgresAvailable } from '../support/servers.js';

const BAD = 'CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX ON t (a);\nDELETE FROM sessions;\n';

/**
 * The required structure of SARIF 2.1.0: version, runs[].tool.driver.name, results[].message.text,
 * locations with an RFC 3986 relative artifactLocation.uri and a 1-based region; ruleIndex pointing at
 * driver.rules; invocations with executionSuccessful and notifications with a level and a message.
 * Returns the run.
 */
function expectSarif21(sarif: Record<string, any>): Record<string, any> {
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
  expect(Array.isArray(sarif.runs)).toBe(true);
  const run = sarif.runs[0];
  expect(typeof run.tool.driver.name).toBe('string');
  const rules = run.tool.driver.rules as { id: string; shortDescription: { text: string } }[];
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  for (const r of rules) expect(r.shortDescription.text.length).toBeGreaterThan(0);
  for (const r of run.results) {
    expect(['error', 'warning', 'note', 'none']).toContain(r.level);
    expect(typeof r.message.text).toBe('string');
    expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const loc = r.locations[0].physicalLocation;
    // A relative reference (RFC 3986 section 4.2): unreserved, sub-delims, ':', '@', '/' and %XX only; no ':' in the first segment.
    expect(loc.artifactLocation.uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/);
    expect(loc.artifactLocation.uri.split('/')[0]).not.toContain(':');
    expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
  }
  for (const invocation of run.invocations ?? []) {
    expect(typeof invocation.executionSuccessful).toBe('boolean');
    for (const n of invocation.toolExecutionNotifications ?? []) {
      expect(['error', 'warning', 'note', 'none']).toContain(n.level);
      expect(typeof n.message.text).toBe('string');
    }
  }
  return run;
}

describe('bb lint (binary)', () => {
  it('an error-level finding exits 1; fixing it or disabling the rule by comment exits 0', async () => {
    const dir = project({ 'm.sql': BAD });
    const bad = await bb(['lint', 'm.sql'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('m.sql:3:1 error [statement.where.require.update-delete]');
    expect(bad.stdout).toContain('3 | DELETE FROM sessions;');
    expect(bad.stdout).toMatch(/1 error, 0 warnings in 1 file \(checked 1\)/);
    expect(bad.stdout).not.toContain('index.create-concurrently'); // t is created in the same file
    expect(clean(bad)).toBe(true);

    writeFileSync(join(dir, 'm.sql'), BAD.replace('DELETE FROM sessions;', 'DELETE FROM sessions WHERE expires_at < now();'));
    const fixed = await bb(['lint', 'm.sql'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('No problems (checked 1 file)');

    writeFileSync(join(dir, 'm.sql'), BAD.replace('DELETE FROM sessions;', '-- bb:disable-next-statement statement.where.require.update-delete\nDELETE FROM sessions;'));
    const disabled = await bb(['lint', 'm.sql'], { cwd: dir });
    expect(disabled.code).toBe(0);

    writeFileSync(join(dir, 'm.sql'), `-- bb:disable statement.where.require.update-delete\n${BAD}`);
    expect((await bb(['lint', 'm.sql'], { cwd: dir })).code).toBe(0);
  });

  it('a syntax error is one finding; the other statements are still checked', async () => {
    const dir = project({ 'm.sql': 'SELEC 1;\nDELETE FROM a;\n' });
    const run = await bb(['lint', 'm.sql', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string; line: number }[] };
    expect(out.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['syntax:1', 'statement.where.require.update-delete:2']);
  });

  it('a big file, parsed in batches, gives each repeated piece the findings the piece gives alone', async () => {
    // libpg-query parses a big file 100 statements at a time (engines/postgres/parse.ts) and shifts each
    // tree's locations back to its own statement; an 8-statement piece straddles the batch boundaries:
    // non-ASCII text, a suppression, a statement whose tree a rule reads (UPDATE). A wrong offset, a lost
    // or shifted statement would move or drop findings in some copies. The one statement that does not
    // parse comes last: a batch with a syntax error is parsed statement by statement instead.
    const piece = [
      'CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, seen timestamp);',
      'CREATE INDEX accounts_email ON accounts (email, email);',
      "COMMENT ON TABLE accounts IS 'héllo wörld 日本 😀';",
      'ALTER TABLE "tëst_😀" ADD COLUMN "naïve" timestamp;',
      "UPDATE accounts SET email = 'ñ', email = 'x';",
      '-- bb:disable-next-statement column.prefer-timestamptz\nALTER TABLE accounts ADD COLUMN seen_at timestamp;',
      'DROP INDEX accounts_email;',
      'DROP TABLE accounts;',
    ].join('\n');
    const copies = 260;
    const lines = piece.split('\n').length;
    const dir = project({ 'piece.sql': `${piece}\n`, 'big.sql': `${Array.from({ length: copies }, () => piece).join('\n')}\nCREATE TABLE broken (id int,,);\n` });
    type Out = { files: { statements: number }[]; findings: { ruleId: string; line: number; column: number; message: string }[] };
    const one = JSON.parse((await bb(['lint', 'piece.sql', '--format', 'json'], { cwd: dir })).stdout) as Out;
    const big = await bb(['lint', 'big.sql', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
    expect(big.code).toBe(1);
    const out = JSON.parse(big.stdout) as Out;
    expect(out.files[0]!.statements).toBe(copies * 8 + 1);
    const ids = new Set(one.findings.map((f) => f.ruleId));
    for (const id of ['index.no-duplicate-column', 'column.prefer-timestamptz', 'statement.no-duplicate-column-assignment']) expect(ids).toContain(id);
    expect(one.findings.filter((f) => f.column > 1).length).toBeGreaterThanOrEqual(2); // columns from the trees' locations
    const key = (f: Out['findings'][number], shift: number): string => `${f.ruleId}:${f.line - shift}:${f.column}:${f.message}`;
    const copy = (k: number): string[] => out.findings.filter((f) => f.line > k * lines && f.line <= (k + 1) * lines).map((f) => key(f, k * lines));
    expect(copy(0)).toEqual(one.findings.map((f) => key(f, 0)));
    // Rules that look back over the file (a table created or dropped earlier) may differ between the
    // first copy and the later ones: compare copy 2 onwards with copy 2.
    for (let k = 2; k < copies; k++) expect(copy(k)).toEqual(copy(1));
    expect(out.findings.filter((f) => f.line > copies * lines).map((f) => `${f.ruleId}:${f.column}`)).toEqual(['syntax:29']);
  });

  it('sarif is SARIF 2.1.0 with rule metadata; github gives one annotation per finding', async () => {
    const dir = project({ 'a.sql': BAD, 'b.sql': 'CREATE INDEX i ON users (email);\nUPDATE users SET x = 1;\n' });
    const json = JSON.parse((await bb(['lint', 'a.sql', 'b.sql', '--format', 'json'], { cwd: dir })).stdout) as { findings: { file: string; line: number; level: string; ruleId: string }[] };
    expect(json.findings.length).toBeGreaterThanOrEqual(3);

    const sarifRun = await bb(['lint', 'a.sql', 'b.sql', '--format', 'sarif'], { cwd: dir });
    expect(sarifRun.code).toBe(1);
    const run = expectSarif21(JSON.parse(sarifRun.stdout) as Record<string, any>);
    expect(run.results).toHaveLength(json.findings.length);
    for (const r of run.results) expect(['a.sql', 'b.sql']).toContain(r.locations[0].physicalLocation.artifactLocation.uri);

    const gh = await bb(['lint', 'a.sql', 'b.sql', '--format', 'github'], { cwd: dir });
    const annotations = gh.stdout.split('\n').filter((l) => /^::(error|warning) file=/.test(l));
    expect(annotations).toHaveLength(json.findings.length);
    annotations.forEach((a, i) => {
      const f = json.findings[i]!;
      expect(a.startsWith(`::${f.level} file=${f.file},line=${f.line},`)).toBe(true);
      expect(a).toContain(`title=bb ${f.ruleId}`);
    });

    const junit = await bb(['lint', 'a.sql', 'b.sql', '--format', 'junit'], { cwd: dir });
    expect(junit.stdout.startsWith('<?xml')).toBe(true);
    expect(junit.stdout.match(/<failure /g)).toHaveLength(json.findings.length);

    const gitlab = JSON.parse((await bb(['lint', 'a.sql', 'b.sql', '--format', 'gitlab'], { cwd: dir })).stdout) as { fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    expect(gitlab).toHaveLength(json.findings.length);
    expect(new Set(gitlab.map((g) => g.fingerprint)).size).toBe(gitlab.length);
  });

  it('sarif artifact URIs are percent-encoded per path segment: a space, #, % and non-ASCII in a file name', async () => {
    const names = ['migrations/0001 add users#1.sql', 'migrations/0002_café_日本 50%.sql', 'migrations/a:b/0003_x.sql'];
    const dir = project(Object.fromEntries(names.map((n) => [n, 'DELETE FROM sessions;\n'])));
    const sarifRun = await bb(['lint', '--format', 'sarif', ...names], { cwd: dir });
    expect(sarifRun.code, sarifRun.stderr).toBe(1);
    const run = expectSarif21(JSON.parse(sarifRun.stdout) as Record<string, any>);
    const uris = run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri as string);
    expect(uris).toEqual([
      'migrations/0001%20add%20users%231.sql',
      'migrations/0002_caf%C3%A9_%E6%97%A5%E6%9C%AC%2050%25.sql',
      'migrations/a%3Ab/0003_x.sql',
    ]);
    // Each segment decodes back to the file's path; the other formats keep the path as it is.
    expect(uris.map((u: string) => u.split('/').map(decodeURIComponent).join('/'))).toEqual(names);
    const json = JSON.parse((await bb(['lint', '--format', 'json', ...names], { cwd: dir })).stdout) as { findings: { file: string }[] };
    expect(json.findings.map((f) => f.file)).toEqual(names);
  });

  it('usage errors exit 2', async () => {
    const dir = project({ 'm.sql': 'SELECT 1;' });
    const engine = await bb(['lint', '--engine', 'postgress', 'm.sql'], { cwd: dir });
    expect(engine.code).toBe(2);
    expect(engine.stderr).toContain('did you mean "postgres"');
    expect((await bb(['lint', '--format', 'xml', 'm.sql'], { cwd: dir })).code).toBe(2);
    const missing = await bb(['lint', 'missing.sql'], { cwd: dir });
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([2, 'error: missing.sql does not exist.']);
    // A shell glob that matches nothing arrives as written: say so, not "ENOENT: no such file or directory, open '/tmp/…/*.sql'".
    const glob = await bb(['lint', 'migrations/app/*.sql'], { cwd: dir });
    expect([glob.code, glob.stderr.split('\n')[0]]).toEqual([2, 'error: No file matches migrations/app/*.sql.']);
    expect(glob.stderr).not.toContain('ENOENT');
    // No config, so no environment: --env was ignored and the file linted as if it were not given.
    const env = await bb(['lint', '--env', 'prod', 'm.sql'], { cwd: dir });
    expect([env.code, env.stderr.split('\n')[0]]).toEqual([2, 'error: --env prod: no bb config was found for m.sql (in its folder or the folders above it), so there is no environment "prod" to take rule levels or a live database from.']);
    writeFileSync(join(dir, 'latin1.sql'), Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0xff, 0x3b]));
    const latin1 = await bb(['lint', 'latin1.sql'], { cwd: dir });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain('latin1.sql is not valid UTF-8');
    const unknownRule = await bb(['rules', 'index.create-concurrentl'], { cwd: dir });
    expect(unknownRule.code).toBe(2);
  });

  it('in a project: files map to their database, earlier migrations are replayed, config levels apply', async () => {
    const dir = project({
      'bb.config.yaml': [
        'databases:',
        '  app: { engine: postgres, migrations: migrations/app }',
        'environments:',
        '  - name: dev',
        '    targets:',
        '      app: postgres://nobody@127.0.0.1:1/none',
        'rules:',
        '  preset: recommended',
        '  index.create-concurrently: error',
        '  environments:',
        '    dev: { index.create-concurrently: warning }',
      ].join('\n'),
      'migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
      'migrations/app/0002_index.sql': 'CREATE INDEX users_email ON users (email);\nALTER TABLE userz ADD COLUMN note text;\n',
    });
    const run = await bb(['lint', 'migrations/app/0002_index.sql', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string; level: string; line: number; message: string }[]; files: { database: string }[] };
    expect(out.files[0]!.database).toBe('app');
    expect(out.findings.map((f) => `${f.ruleId}:${f.level}:${f.line}`)).toEqual(expect.arrayContaining(['index.create-concurrently:error:1', 'schema.walk-through:warning:2']));
    const dev = JSON.parse((await bb(['lint', 'migrations/app/0002_index.sql', '--format', 'json', '--env', 'dev'], { cwd: dir })).stdout) as typeof out;
    expect(dev.findings.find((f) => f.ruleId === 'index.create-concurrently')!.level).toBe('warning');

    const all = await bb(['lint', '--all', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(all.stdout) as { counts: { checked: number } }).counts.checked).toBe(2);
    // No history can be read (the target is unreachable): every migration is linted, with a note.
    const pending = await bb(['lint', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
    const p = JSON.parse(pending.stdout) as { counts: { checked: number }; notes: string[] };
    expect(p.counts.checked).toBe(2);
    expect(p.notes.join('\n')).toContain('every migration was linted');
  });

  it('a down file is linted on the schema its up file leaves; a file that is no migration on an unknown schema', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev\n',
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/0001_users.down.sql': 'DROP TABLE users;\n',
      'migrations/0002_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'migrations/0002_orders.down.sql': 'DROP TABLE orders;\nALTER TABLE userz DROP COLUMN note;\n',
      'migrations/seeds/notes.sql': 'ALTER TABLE users ADD COLUMN note text;\n',
    });
    const run = await bb(['lint', '--format', 'json', 'migrations/0001_users.down.sql', 'migrations/0002_orders.down.sql', 'migrations/seeds/notes.sql'], { cwd: dir });
    const out = JSON.parse(run.stdout) as { findings: { file: string; ruleId: string; line: number }[]; counts: { checked: number } };
    expect(out.counts.checked).toBe(3);
    // "Table users does not exist (not created by an earlier migration)" on the down file of the migration that created it.
    expect(out.findings.filter((f) => f.ruleId === 'schema.walk-through').map((f) => `${f.file}:${f.line}`)).toEqual(['migrations/0002_orders.down.sql:2']);
  });

  it('a misplaced directive is a finding of its own file; the other files of the folder are still linted, and migrate still refuses it', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations/app }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/app/0006_bad.sql': 'SELECT 1;\n-- bb:disable table.require-pk\nCREATE TABLE notes (body text);\n',
    });
    type Out = { findings: { file: string; ruleId: string; line: number; message: string }[]; counts: { checked: number } };
    const other = await bb(['lint', '--format', 'json', 'migrations/app/0001_users.sql'], { cwd: dir });
    expect([other.code, other.stderr]).toEqual([0, '']);
    expect((JSON.parse(other.stdout) as Out).findings).toEqual([]);

    const bad = await bb(['lint', '--format', 'json', 'migrations/app/0006_bad.sql'], { cwd: dir });
    expect(bad.code).toBe(1);
    const findings = (JSON.parse(bad.stdout) as Out).findings;
    expect(findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['directive:2', 'table.require-pk:3']); // the misplaced disable does not count
    expect(findings[0]!.message).toBe('"bb:disable" must be in the comments at the top of the file, before the first statement');

    const all = await bb(['lint', '--all', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(all.stdout) as Out).counts.checked).toBe(2);

    const refusal = 'error: migrations/app/0006_bad.sql:2: "bb:disable" must be in the comments at the top of the file, before the first statement.';
    for (const command of ['plan', 'migrate']) {
      const run = await bb([command, '--env', 'dev'], { cwd: dir });
      expect([command, run.code, run.stderr.split('\n')[0]]).toEqual([command, 2, refusal]);
    }
    expect(existsSync(join(dir, '.bb/dev'))).toBe(false);
  });

  it('directives below a block comment at the top of the file (a licence) are in the header: lint and migrate take them', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations/app }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
      'migrations/app/0002_email.sql': '/*\n * Copyright 2024 Acme\n */\n-- bb:transaction off\n-- bb:disable statement.where.require.update-delete\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\nDELETE FROM users;\n',
    });
    const lint = await bb(['lint', '--all', '--format', 'json'], { cwd: dir });
    expect([lint.code, (JSON.parse(lint.stdout) as { findings: unknown[] }).findings]).toEqual([0, []]);
    const migrate = await bb(['migrate', '--env', 'dev', '--yes'], { cwd: dir, timeoutMs: 60_000 });
    expect([migrate.code, migrate.stderr]).toEqual([0, expect.stringContaining('applied migrations/app/0002_email.sql')]);
  });

  it('a named file that is not a .sql file is refused alone and skipped with a note among .sql files', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev\n',
      'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/README.md': '# How we write migrations\n',
    });
    const alone = await bb(['lint', 'migrations/README.md'], { cwd: dir });
    expect([alone.code, alone.stdout]).toEqual([2, '']);
    expect(alone.stderr.split('\n')[0]).toBe('error: migrations/README.md is not a .sql file: bb lint reviews SQL migration files (.sql).');
    // `bb lint migrations/*`, or a hook's file list: the README is left out, the SQL linted, the note on stderr.
    const mixed = await bb(['lint', '--format', 'json', 'migrations/0001_users.sql', 'migrations/README.md'], { cwd: dir });
    expect(mixed.code).toBe(0);
    const out = JSON.parse(mixed.stdout) as { files: { path: string }[]; findings: unknown[] };
    expect([out.files.map((f) => f.path), out.findings]).toEqual([['migrations/0001_users.sql'], []]);
    expect(mixed.stderr).toBe('note: skipped migrations/README.md: bb lint reviews .sql files only.\n');
    expect((await bb(['lint', '--quiet', 'migrations/0001_users.sql', 'migrations/README.md'], { cwd: dir })).stderr).toBe('');
  });

  it('--engine does not override the engine of a configured folder, and says so on stderr and in each machine format\'s place for it', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations/app }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev\n',
      'migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/app/0002_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'scratch/x.sql': 'CREATE TABLE x (id bigint PRIMARY KEY);\n',
    });
    const run = await bb(['lint', '--engine', 'mysql', '--format', 'json', 'migrations/app/0001_users.sql', 'migrations/app/0002_orders.sql', 'scratch/x.sql'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { files: { path: string; engine: string }[]; notices: string[] };
    expect(out.files.map((f) => `${f.path}:${f.engine}`)).toEqual(['migrations/app/0001_users.sql:postgres', 'migrations/app/0002_orders.sql:postgres', 'scratch/x.sql:mysql']);
    const both = 'migrations/app/0001_users.sql and migrations/app/0002_orders.sql are in the migrations folder of database "app", whose engine in bb.config.yaml is postgres: they were linted as postgres, not as --engine mysql.';
    expect(out.notices).toEqual([both]);
    expect(run.stderr).toBe(`note: ${both}\n`);
    const one = 'migrations/app/0001_users.sql is in the migrations folder of database "app", whose engine in bb.config.yaml is postgres: it was linted as postgres, not as --engine mysql.';
    const lint = (format: string) => bb(['lint', '--engine', 'mysql', '--format', format, 'migrations/app/0001_users.sql'], { cwd: dir });
    const sarif = await lint('sarif');
    const sarifRun = expectSarif21(JSON.parse(sarif.stdout) as Record<string, any>);
    expect(sarifRun.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: one } }] }]);
    expect(sarif.stderr).toBe(`note: ${one}\n`);
    // GitHub: the workflow log is stdout, where the ::warning already says it.
    const github = await lint('github');
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([`::warning title=bb lint::${one}`]);
    expect(github.stderr).toBe('');
    const junit = await lint('junit');
    expect(junit.stdout).toContain(`<testsuite name="bb lint" tests="0" failures="0" errors="0">\n    <system-out>warning: ${one.replace(/"/g, '&quot;')}</system-out>`);
    expect(junit.stderr).toBe(`note: ${one}\n`);
    // GitLab code quality has no place for it: stderr only.
    const gitlab = await lint('gitlab');
    expect(JSON.parse(gitlab.stdout)).toEqual([]);
    expect(gitlab.stderr).toBe(`note: ${one}\n`);
    // The same engine, or no --engine: nothing to say.
    expect((await bb(['lint', '--engine', 'postgres', 'migrations/app/0001_users.sql'], { cwd: dir })).stderr).toBe('');
  });

  it('--engine without files in a project: each database keeps its engine, and a note says --engine did not apply', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations/app }\n  shop: { engine: mysql, migrations: migrations/shop }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/shop/0001_items.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n',
    });
    const run = await bb(['lint', '--all', '--engine', 'mysql', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { files: { path: string; engine: string }[]; notices: string[] };
    expect(out.files.map((f) => `${f.path}:${f.engine}`)).toEqual(['migrations/app/0001_users.sql:postgres', 'migrations/shop/0001_items.sql:mysql']);
    const note = '--engine mysql does not apply without named files: bb lint lints the migrations folders of bb.config.yaml, each as its database\'s engine (app: postgres). --engine is for named files outside every migrations folder.';
    expect(out.notices).toEqual([note]);
    expect(run.stderr).toBe(`note: ${note}\n`);
    const pretty = await bb(['lint', '--engine', 'mysql'], { cwd: dir });
    expect([pretty.code, pretty.stderr]).toEqual([0, `note: ${note}\n`]);
    // An --engine every database has changes nothing: nothing to say.
    expect((await bb(['lint', '--all', '--engine', 'postgres', '--quiet'], { cwd: dir })).stderr).toBe('');
    expect((await bb(['lint', '--all', '--engine', 'mysql', '--quiet'], { cwd: dir })).stderr).toBe('');
  });

  it('without files, an embedded dev database that does not exist yet counts as nothing applied and is not created', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'migrations/0001_t.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n',
      'migrations/0002_u.sql': 'CREATE TABLE u (id bigint PRIMARY KEY);\n',
    });
    const run = await bb(['lint', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { counts: { checked: number }; notes: string[] };
    expect(out.counts.checked).toBe(2);
    expect(out.notes).toEqual([]);
    expect(existsSync(join(dir, '.bb/dev'))).toBe(false); // only the lint cache is written under .bb
    expect(readdirSync(join(dir, '.bb'))).toEqual(['cache']);
  });

  it('--env on an embedded database that does not exist yet skips the live rules and does not create it', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'migrations/0001_t.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n',
    });
    const run = await bb(['lint', '--env', 'dev', '--format', 'json', 'migrations/0001_t.sql'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { skipped: { id: string }[]; notes: string[] };
    expect(out.skipped.map((s) => s.id)).toEqual(expect.arrayContaining(['statement.dml-dry-run']));
    expect(out.notes.join('\n')).toContain('does not exist yet');
    expect(existsSync(join(dir, '.bb/dev'))).toBe(false); // it was created, ~40 MB, by a lint
  });

  it('without files, a version applied on a discovered member of a group counts as applied', async () => {
    if (!(await postgresAvailable())) return;
    const dbs = new PostgresDatabases('bbt_lint_discover');
    try {
      const url = await dbs.create('t1');
      const dir = project({
        'bb.config.yaml': `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: tenants\n    targets:\n      app:\n        discover: { url: "${url}", match: "/^bbt_lint_discover_/" }\n`,
        'migrations/0001_t.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);\n',
      });
      expect((await bb(['migrate', '--env', 'tenants'], { cwd: dir, timeoutMs: 60_000 })).code).toBe(0);
      writeFileSync(join(dir, 'migrations/0002_u.sql'), 'CREATE TABLE u (id bigint PRIMARY KEY);\n');
      const run = await bb(['lint', '--format', 'json'], { cwd: dir, timeoutMs: 60_000 });
      const out = JSON.parse(run.stdout) as { counts: { checked: number }; notes: string[] };
      expect(out.notes).toEqual([]);
      expect(out.counts.checked).toBe(1); // 0002 only
    } finally {
      await dbs.dropAll();
    }
  });

  it('bb rules lists the rules and explains one with its examples', async () => {
    const dir = project({});
    const list = await bb(['rules'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('index.create-concurrently');
    const one = await bb(['rules', 'index.create-concurrently'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('CREATE INDEX CONCURRENTLY idx_users_email ON users (email);');
    expect(one.stdout).toContain('Bad');
    const json = JSON.parse((await bb(['rules', '--format', 'json'], { cwd: dir })).stdout) as { id: string }[];
    expect(json.map((r) => r.id)).toContain('table.require-pk');
    expect(one.stdout.trimEnd().split('\n').pop()).toBe('docs/rules/index.create-concurrently.md');
    const mysql = JSON.parse((await bb(['rules', '--engine', 'mysql', '--format', 'json'], { cwd: dir })).stdout) as { engines: string[] }[];
    expect(mysql.length).toBeGreaterThan(50);
    expect(mysql.every((r) => r.engines.includes('mysql'))).toBe(true);
    const typo = await bb(['rules', '--engine', 'postgress'], { cwd: dir }); // was an empty table, exit 0
    expect([typo.code, typo.stderr.split('\n')[0]]).toEqual([2, 'error: Unknown engine "postgress" (did you mean "postgres"?).']);
  });

  it('a misspelt rule in the config is an error even when there is nothing to lint yet', async () => {
    const config = (rules: string) => `databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://data/app" }\nrules:\n${rules}`;
    const dir = project({ 'bb.config.yaml': config('  table.require-pkk: error\n'), 'migrations/.keep': '' });
    const typo = await bb(['lint'], { cwd: dir });
    expect([typo.code, typo.stderr.split('\n')[0]]).toEqual([2, 'error: bb.config.yaml:7: rules.table.require-pkk: unknown rule "table.require-pkk" (did you mean "table.require-pk"?).']);
    writeFileSync(join(dir, 'bb.config.yaml'), config('  statement.insert.row-limit: { level: error, number: -1 }\n'));
    const negative = await bb(['lint'], { cwd: dir });
    expect([negative.code, negative.stderr]).toEqual([2, 'error: bb.config.yaml:7: rules.statement.insert.row-limit.number: expected a whole number of 0 or more, got -1.\nhint: number: Maximum rows in one INSERT … VALUES.\n']);
    writeFileSync(join(dir, 'bb.config.yaml'), config('  table.require-pk: error\n'));
    const fixed = await bb(['lint'], { cwd: dir });
    expect([fixed.code, fixed.stdout.trim()]).toEqual([0, 'No problems (checked 0 files)']);
  });

  it('a plugin that cannot be loaded is a config error naming the config file, its line and the plugin', async () => {
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://data/app" }\nplugins:\n  - ./lint/ours.js\n',
      'migrations/001_a.sql': 'SELECT 1;\n',
    });
    for (const args of [['lint', 'migrations/001_a.sql'], ['rules']]) {
      const run = await bb(args, { cwd: dir });
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, `error: bb.config.yaml:7: plugins[0]: cannot load "./lint/ours.js": ${join(dir, 'lint/ours.js')} does not exist.`]);
    }
  });

  it('a plugin rule (docs/lint.md\'s example) is reported and explained, pointing to its plugin rather than to a bb docs page', async () => {
    const dir = project({
      'lint/our-rules.js': `export default [{
        meta: { id: 'custom.no-drop-protected', engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'error', recommended: true,
          description: 'Forbid dropping protected tables', payload: { list: { type: 'list', default: ['users'], description: 'Protected tables' } },
          messages: { dropped: 'Table {{table}} is protected and must not be dropped' }, examples: { bad: 'DROP TABLE users;', good: 'DROP TABLE sessions_del;' } },
        *check(stmt, ctx) { for (const t of stmt.facts.dropTable?.tables ?? []) if (ctx.payload.list.includes(t.name)) yield { messageId: 'dropped', data: { table: t.name }, at: t.at ?? 0 }; },
      }];\n`,
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://data/app" }\nplugins: [ ./lint/our-rules.js ]\nrules:\n  custom.no-drop-protected: { level: error, list: [users, invoices] }\n',
      'migrations/001_drop.sql': 'DROP TABLE invoices;\n',
    });
    const lint = await bb(['lint', 'migrations/001_drop.sql'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('migrations/001_drop.sql:1:12 error [custom.no-drop-protected] Table invoices is protected and must not be dropped');
    expect(lint.stdout).toContain('  ./lint/our-rules.js');
    const one = await bb(['rules', 'custom.no-drop-protected'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout.trimEnd().split('\n').pop()).toBe('./lint/our-rules.js');
    // A rule missing a meta field is a config error naming the plugin, the rule and the field, not a bb bug.
    const plugin = join(dir, 'lint/our-rules.js');
    writeFileSync(plugin, readFileSync(plugin, 'utf8').replace("kinds: ['drop-table'], ", ''));
    const broken = await bb(['lint', 'migrations/001_drop.sql'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error: bb\.config\.yaml:6: plugins\[0\]: "\.\/lint\/our-rules\.js": rule "custom\.no-drop-protected" meta\.kinds must list statement kinds among /);
    expect(broken.stderr).not.toContain('bug in bb');
    expect(clean(broken)).toBe(true);
  });

  it('.pre-commit-hooks.yaml runs bb lint on staged SQL files', () => {
    const hooks = readFileSync(join(import.meta.dirname, '../../.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toContain('id: bb-lint');
    expect(hooks).toContain('entry: bb lint');
  });
});

describe('bb lint FOLDER', () => {
  it('says a folder is not taken and what to pass instead (exit 2), with and without a config', async () => {
    const dir = project({ 'migrations/ti/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n' });
    const bare = await bb(['lint', 'migrations/ti'], { cwd: dir });
    expect([bare.code, bare.stderr]).toEqual([2, 'error: migrations/ti is a folder; bb lint takes migration files, not folders.\nhint: Name the files: bb lint migrations/ti/*.sql.\n']);
    writeFileSync(join(dir, 'bb.config.yaml'), 'databases:\n  ti: { engine: postgres, migrations: migrations/ti }\nenvironments:\n  - name: dev\n    targets: { ti: "pglite://.bb/dev" }\n');
    const configured = await bb(['lint', 'migrations/ti/'], { cwd: dir });
    expect(configured.code).toBe(2);
    expect(configured.stderr).toContain('error: migrations/ti is a folder; bb lint takes migration files, not folders.');
    expect(configured.stderr).toContain('or run bb lint --all for every migration, or bb lint with no arguments for those not applied yet.');
    expect(clean(configured)).toBe(true);
  });
});

/**
 * A monorepo as hooks and CI see it: a git repository whose migrations project lives in services/db,
 * and a second project in services/events. lint-staged and GitHub Actions run from the repository
 * root; a developer runs bb from wherever they are.
 */
function monorepo(): string {
  const config = (db: string, extra: string) => `databases:\n  ${db}: { engine: postgres, migrations: migrations/${db} }\nenvironments:\n  - name: dev\n    targets:\n      ${db}: pglite://.bb/dev/${db}\nrules:\n  preset: recommended\n${extra}`;
  const root = project({
    'services/db/bb.config.yaml': config('app', '  index.create-concurrently: error\n'),
    'services/db/migrations/app/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
    'services/db/migrations/app/0002_x.sql': 'CREATE INDEX users_email ON users (email);\nALTER TABLE userz ADD COLUMN note text;\n',
    'services/events/bb.config.yaml': config('events', '  index.create-concurrently: off\n'),
    'services/events/migrations/events/0001_e.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz);\n',
    'services/events/migrations/events/0002_i.sql': 'CREATE INDEX events_at ON events (at);\n',
    'scripts/cleanup.sql': 'DELETE FROM sessions;\n',
  });
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

type JsonOut = { findings: { file: string; ruleId: string; level: string; line: number }[]; files: { path: string; database?: string }[] };
const found = (out: JsonOut): string[] => out.findings.map((f) => `${f.file}:${f.line} ${f.level} ${f.ruleId}`);
const DB_FINDINGS = (file: string): string[] => [`${file}:1 error index.create-concurrently`, `${file}:2 warning schema.walk-through`];

describe('bb lint FILE finds the config each file belongs to', () => {
  it('from the migrations folder and from the repository root (lint-staged), with the config\'s levels and the earlier migrations replayed', async () => {
    const root = monorepo();
    // The config's own folder: the reference.
    const home = JSON.parse((await bb(['lint', 'migrations/app/0002_x.sql', '--format', 'json'], { cwd: join(root, 'services/db') })).stdout) as JsonOut;
    expect(found(home)).toEqual(DB_FINDINGS('services/db/migrations/app/0002_x.sql'));

    // Before: no config in the current folder, so postgres outside a project: index.create-concurrently
    // a warning (not the config's error), no replay (no schema.walk-through), exit 0.
    const inFolder = await bb(['lint', '0002_x.sql'], { cwd: join(root, 'services/db/migrations/app') });
    expect(inFolder.code).toBe(1);
    expect(inFolder.stdout).toContain('0002_x.sql:1:1 error [index.create-concurrently]');
    expect(inFolder.stdout).toContain('0002_x.sql:2:13 warning [schema.walk-through] Table userz does not exist');
    expect(inFolder.stderr).toBe('');

    const staged = await bb(['lint', 'services/db/migrations/app/0002_x.sql', '--format', 'json'], { cwd: root });
    expect(staged.code).toBe(1);
    const out = JSON.parse(staged.stdout) as JsonOut;
    expect(found(out)).toEqual(DB_FINDINGS('services/db/migrations/app/0002_x.sql'));
    expect(out.files.map((f) => f.database)).toEqual(['app']);
  });

  it('files of two projects in one run each use their own config; a file outside every project is linted with a note', async () => {
    const root = monorepo();
    const files = ['services/db/migrations/app/0002_x.sql', 'services/events/migrations/events/0002_i.sql', 'scripts/cleanup.sql'];
    const run = await bb(['lint', ...files, '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as JsonOut;
    expect(out.files.map((f) => `${f.path}:${f.database ?? '-'}`)).toEqual([
      'services/db/migrations/app/0002_x.sql:app', 'services/events/migrations/events/0002_i.sql:events', 'scripts/cleanup.sql:-',
    ]);
    // services/events turns index.create-concurrently off; services/db makes it an error.
    expect(found(out)).toEqual([...DB_FINDINGS(files[0]!), 'scripts/cleanup.sql:1 error statement.where.require.update-delete']);
    const note = 'scripts/cleanup.sql is outside any bb project (no bb config in its folder or the folders above it): linted as postgres with the recommended rules and no earlier migrations replayed. Pass --config <file> to lint it with a config, --engine for another engine.';
    expect((out as JsonOut & { notices: string[] }).notices).toEqual([note]);
    expect(run.stderr).toBe(`note: ${note}\n`);

    const pretty = await bb(['lint', ...files], { cwd: root });
    expect(pretty.code).toBe(1);
    expect(pretty.stderr).toBe(`note: ${note}\n`);
    const github = await bb(['lint', ...files, '--format', 'github'], { cwd: root });
    expect(github.stdout).toContain(`::warning title=bb lint::${note}`);
    expect(github.stderr).toBe('');
    expect((await bb(['lint', 'scripts/cleanup.sql', '--quiet'], { cwd: root })).stderr).toBe('');
  });
});

describe('bb lint paths in the machine formats', () => {
  it('github, sarif, gitlab, junit and json name files from the repository root, whatever the folder bb runs in; pretty from the current folder', async () => {
    const root = monorepo();
    const file = 'services/db/migrations/app/0002_x.sql';
    for (const [cwd, args] of [[root, ['--config', 'services/db/bb.config.yaml']], [join(root, 'services/db'), []], [join(root, 'services'), ['--config', 'db/bb.config.yaml']]] as const) {
      const lint = (format: string) => bb(['lint', '--all', '--format', format, ...args], { cwd });
      const gh = await lint('github');
      expect(gh.code).toBe(1);
      expect(gh.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => l.slice(0, l.indexOf(',col='))), cwd).toEqual([
        `::error file=${file},line=1`, `::warning file=${file},line=2`,
      ]);
      const sarif = JSON.parse((await lint('sarif')).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
      expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation)).toEqual([{ uri: file, uriBaseId: '%SRCROOT%' }, { uri: file, uriBaseId: '%SRCROOT%' }]);
      const gitlab = JSON.parse((await lint('gitlab')).stdout) as { location: { path: string } }[];
      expect(gitlab.map((g) => g.location.path)).toEqual([file, file]);
      const junit = (await lint('junit')).stdout;
      expect(junit).toContain(`<testsuite name="${file}"`);
      expect(junit).not.toContain('name="migrations/');
      const json = JSON.parse((await lint('json')).stdout) as JsonOut;
      expect([...new Set([...json.findings.map((f) => f.file), ...json.files.map((f) => f.path).filter((p) => p.endsWith('0002_x.sql'))])]).toEqual([file]);
    }
    const here = await bb(['lint', '--all', '--config', 'db/bb.config.yaml'], { cwd: join(root, 'services') });
    expect(here.stdout).toContain('db/migrations/app/0002_x.sql:1:1 error [index.create-concurrently]');
    expect(here.stdout).toContain('  1 | CREATE INDEX users_email ON users (email);');
  });

  it('outside a git repository the machine formats name files from the current folder', async () => {
    const dir = project({
      'db/bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      app: pglite://.bb/dev/app\n',
      'db/migrations/0001_x.sql': 'DELETE FROM sessions;\n',
    });
    const gh = await bb(['lint', '--all', '--config', 'db/bb.config.yaml', '--format', 'github'], { cwd: dir });
    expect(gh.stdout.split('\n')[0]).toMatch(/^::error file=db\/migrations\/0001_x\.sql,line=1,/);
    const sarif = JSON.parse((await bb(['lint', 'db/migrations/0001_x.sql', '--format', 'sarif'], { cwd: dir })).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('db/migrations/0001_x.sql');
  });
});
