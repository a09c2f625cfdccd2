import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BbError } from '../errors.js';
import { findConfigFolder, loadConfig } from './load.js';
import { interpolate } from './interpolate.js';
import { passwordOf, redactText, redactUrl } from './redact.js';
import { envVars, findEnvironment, resolveTargets, resolveTargetsDiscovering } from './targets.js';

let dir: string;
const write = (files: Record<string, string>): string => {
  dir = mkdtempSync(join(tmpdir(), 'bb-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const VALID = 'databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: dev\n    targets:\n      app: ${DEV_URL:-pglite://.bb/dev}\n  - name: prod\n    protected: true\n    targets:\n      app: ${PROD_URL}\n';
const fails = async (files: Record<string, string>, message: RegExp): Promise<void> => {
  await expect(loadConfig({ cwd: write(files) })).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.kind === 'config' && message.test(e.message));
};

describe('loadConfig', () => {
  it('finds bb.config.yaml, resolves paths and defaults', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': VALID }) });
    expect(config.databases.get('app')).toMatchObject({ engine: 'postgres', migrations: join(dir, 'm') });
    expect(config.environments.map((e) => [e.name, e.index, e.protected, e.drift])).toEqual([['dev', 0, false, 'off'], ['prod', 1, true, 'fail']]);
  });

  it('reads JSON, .bbrc and package.json#bb too', async () => {
    const json = JSON.stringify({ databases: { app: { engine: 'mysql', migrations: 'm' } }, environments: [{ name: 'dev', targets: { app: 'mysql://root@h/db' } }] });
    expect((await loadConfig({ cwd: write({ 'bb.config.json': json }) })).databases.get('app')!.engine).toBe('mysql');
    rmSync(dir, { recursive: true, force: true });
    expect((await loadConfig({ cwd: write({ 'package.json': `{"name":"x","bb":${json}}` }) })).environments[0]!.name).toBe('dev');
  });

  it('names the file and line of a discover.match that is not a valid regular expression', async () => {
    await fails({ 'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: prod\n    targets:\n      app:\n        discover: { url: "postgres://h/postgres", match: "/tenant_(/" }\n' },
      /^bb\.config\.yaml:7: environments\[0\]\.targets\.app\.discover\.match: \/tenant_\(\/ is not a valid regular expression/);
  });

  it('says --config names a folder (it said "fix the syntax" of an EISDIR)', async () => {
    const folder = write({});
    mkdirSync(join(folder, 'sub'));
    await expect(loadConfig({ cwd: folder, configPath: join(folder, 'sub') })).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.code === 'config.missing'
      && e.message === `--config ${join(folder, 'sub')} is a folder, not a config file.` && e.hint === `Name the file, e.g. --config ${join(folder, 'sub', 'bb.config.yaml')}.`);
  });

  it('says no config is found in a folder without one, and finds .bbrc beside an unrelated package.json', async () => {
    await expect(loadConfig({ cwd: write({ 'package.json': '{"name":"x"}' }) })).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.code === 'config.missing' && /No bb config found in /.test(e.message));
    rmSync(dir, { recursive: true, force: true });
    expect((await loadConfig({ cwd: write({ 'package.json': '{"name":"x"}', '.bbrc': VALID }) })).environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  it.each([
    [{ 'bb.config.yaml': VALID.replace('migrations: m', 'migrations: m, migratons: x') }, /bb\.config\.yaml:2: databases\.app\.migratons: unknown key "migratons" \(did you mean "migrations"\?\)/],
    // "found null null" before.
    [{ 'bb.config.yaml': `${VALID}rules:\n  naming.table:\n` }, /^bb\.config\.yaml:12: rules\.naming\.table: expected a string or a map, found no value\.$/],
    [{ 'bb.config.yaml': VALID.replace('engine: postgres', 'engine: postgress') }, /databases\.app\.engine: "postgress" is not one of .*\(did you mean "postgres"\?\)/],
    // A MariaDB user's first guess; the edit distance is too far for a plain "did you mean".
    [{ 'bb.config.yaml': VALID.replace('engine: postgres', 'engine: mariadb') }, /databases\.app\.engine: "mariadb" is not one of .*\(did you mean "mysql"\? it serves MySQL and MariaDB\)\.$/],
    [{ 'bb.config.yaml': VALID.replace('protected: true', 'protected: yes please') }, /bb\.config\.yaml:8: environments\[1\]\.protected: expected a boolean, found the string "yes please"/],
    [{ 'bb.config.yaml': VALID.replace('      app: ${PROD_URL}', '      ap: ${PROD_URL}') }, /environments\[1\]\.targets\.ap: "ap" is not a database defined under databases \(did you mean "app"\?\)/],
    [{ 'bb.config.yaml': 'databases: [\n' }, /bb\.config\.yaml:\d+:\d+: YAML syntax error/],
    [{ 'bb.config.yaml': VALID.replace('  - name: prod\n', '  - name: prod\n    protected: false\n') }, /bb\.config\.yaml:9:5: YAML syntax error: duplicated mapping key/],
    [{ 'bb.config.yaml': VALID.replace('  app: { engine', '  app: { engine: mysql, engine') }, /bb\.config\.yaml:2:\d+: YAML syntax error: duplicated mapping key/],
    [{ 'bb.config.yaml': VALID.replace('name: prod', 'name: dev') }, /environment "dev" is defined twice/],
    [{ 'bb.config.yaml': `${VALID}rules:\n  environments:\n    nope: { index.create-concurrently: error }\n` }, /bb\.config\.yaml:13: rules\.environments\.nope: "nope" is not an environment defined under environments\./],
    [{ 'bb.config.yaml': VALID.replace('  - name: dev\n', '  - name: dev\n    masking:\n      nodb: [{ column: "*.email", method: full }]\n') }, /bb\.config\.yaml:6: environments\[0\]\.masking\.nodb: "nodb" is not a database defined under databases\./],
    [{ 'bb.config.yaml': VALID.replace('migrations: m }', 'migrations: m, masking: [{ column: a.b.c.d, method: full }] }') }, /bb\.config\.yaml:2: databases\.app\.masking\[0\]\.column: "a\.b\.c\.d" has more than three parts/],
    [{ 'bb.config.yaml': VALID.replace('  - name: dev\n', '  - name: dev\n    masking:\n      app: [{ column: a.b.c.d, method: hash }]\n') }, /bb\.config\.yaml:6: environments\[0\]\.masking\.app\[0\]\.column: "a\.b\.c\.d" has more than three parts/],
    [{ 'bb.config.yaml': `${VALID}audit:\n  database: nodb\n` }, /bb\.config\.yaml:12: audit\.database: "nodb" is not a database defined under databases\./],
    [{ 'bb.config.yaml': `${VALID}audit:\n  database: app\n  environment: stage\n` }, /bb\.config\.yaml:13: audit\.environment: "stage" is not an environment defined under environments\./],
    [{ 'bb.config.yaml': VALID.replace('      app: ${PROD_URL}', '      app:\n        url: ${PROD_URL}\n        urls: [ "${A_URL}" ]') }, /^bb\.config\.yaml:10: environments\[1\]\.targets\.app: has both url: \(one database\) and urls: \(a group of databases\); keep one of the two\.$/],
    [{ 'bb.config.yaml': VALID.replace('      app: ${PROD_URL}', '      app:\n        url: ${PROD_URL}\n        discover: { url: "${PROD_URL}", match: "t_%" }') }, /^bb\.config\.yaml:10: environments\[1\]\.targets\.app: has both url: \(one database\) and discover: \(a group of databases\); keep one of the two\.$/],
  ])('refuses bad configs naming the place (%#)', async (files, message) => {
    await fails(files, message);
  });

  it('findConfigFolder: the nearest folder upwards with a config; a package.json counts only with a "bb" key', () => {
    const root = write({ 'bb.config.yaml': VALID });
    mkdirSync(join(root, 'svc/migrations/app'), { recursive: true });
    writeFileSync(join(root, 'svc/package.json'), '{ "name": "svc" }');
    expect(findConfigFolder(join(root, 'svc/migrations/app'))).toBe(root);
    writeFileSync(join(root, 'svc/package.json'), '{ "name": "svc", "bb": {} }');
    expect(findConfigFolder(join(root, 'svc/migrations/app'))).toBe(join(root, 'svc'));
    writeFileSync(join(root, 'svc/migrations/.bbrc'), 'databases: {}\n');
    expect(findConfigFolder(join(root, 'svc/migrations/app'))).toBe(join(root, 'svc/migrations'));
  });

  it('findConfigFolder: searches the root of a git work tree, never above it', () => {
    const root = write({ 'bb.config.yaml': VALID });
    mkdirSync(join(root, 'repo/.git'), { recursive: true });
    mkdirSync(join(root, 'repo/a/b'), { recursive: true });
    expect(findConfigFolder(join(root, 'repo/a/b'))).toBeUndefined();
    writeFileSync(join(root, 'repo/bb.config.yaml'), VALID);
    expect(findConfigFolder(join(root, 'repo/a/b'))).toBe(join(root, 'repo'));
    // A worktree's or submodule's .git is a file: the same boundary.
    rmSync(join(root, 'repo/bb.config.yaml'));
    writeFileSync(join(root, 'repo/a/.git'), 'gitdir: ../../.git/worktrees/a\n');
    expect(findConfigFolder(join(root, 'repo/a/b'))).toBeUndefined();
  });

  it('from a subfolder: uses the config above and resolves its relative paths against its folder, not the current one', async () => {
    const root = write({ 'bb.config.yaml': `${VALID}audit: { file: logs/audit.jsonl }\nbackups: { dir: dumps }\n` });
    mkdirSync(join(root, 'm/deep'), { recursive: true });
    const config = await loadConfig({ cwd: join(root, 'm/deep') });
    expect([config.file, config.dir, config.databases.get('app')!.migrations, config.audit, config.backupsDir])
      .toEqual([join(root, 'bb.config.yaml'), root, join(root, 'm'), { kind: 'file', file: join(root, 'logs/audit.jsonl') }, join(root, 'dumps')]);
    expect((await resolveTargets(config, config.environments[0]!, [...config.databases.values()]))[0]!.members[0]!.baseDir).toBe(root);
  });

  it('an unparsable package.json counts as a config only when it has a "bb" key (so that its syntax error is reported)', async () => {
    await expect(loadConfig({ cwd: write({ 'package.json': '{ "name": "x", }' }) })).rejects.toMatchObject({ code: 'config.missing' });
    rmSync(dir, { recursive: true, force: true });
    await expect(loadConfig({ cwd: write({ 'package.json': '{ "name": "x", "bb": { }, }' }) })).rejects.toMatchObject({ code: 'config.syntax' });
  });

  it('lists the defined names in the hint of an unknown environment or database', async () => {
    const cwd = write({ 'bb.config.yaml': `${VALID}rules:\n  environments:\n    prd: { index.create-concurrently: error }\n` });
    await expect(loadConfig({ cwd })).rejects.toMatchObject({ kind: 'config', message: expect.stringContaining('(did you mean "prod"?)'), hint: 'Defined environments: dev, prod.' });
    rmSync(dir, { recursive: true, force: true });
    await expect(loadConfig({ cwd: write({ 'bb.config.yaml': `${VALID}audit: { database: nodb }\n` }) })).rejects.toMatchObject({ hint: 'Defined databases: app.' });
  });

  it('accepts the masking and overrides the docs allow', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': VALID.replace('migrations: m }', 'migrations: m, masking: [{ column: billing.users.iban, method: full }] }').replace('  - name: dev\n', '  - name: dev\n    masking: { app: false }\n') + 'rules:\n  environments:\n    dev: { index.create-concurrently: warning }\naudit: { database: app, environment: prod }\n' }) });
    expect(config.audit).toMatchObject({ kind: 'table', database: 'app', environment: 'prod' });
    expect(config.environments[0]!.masking).toEqual({ app: false });
  });

  it('reads YAML 1.2 core values: a date-like name stays a string, and so does on/off', async () => {
    // A YAML 1.1 loader turns 2024-01-01 into a Date and `on` into true: names must not change.
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': VALID.replace('name: dev', 'name: 2024-01-01').replace('name: prod', 'name: on') }) });
    expect(config.environments.map((e) => e.name)).toEqual(['2024-01-01', 'on']);
  });

  const GROUP = (urls: string): string => `databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: prod\n    targets:\n      app:\n        urls:\n${urls}`;
  const prodTargets = async (yaml: string, vars: Record<string, string> = {}): Promise<unknown> => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': yaml }) });
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
    try {
      return await resolveTargets(config, findEnvironment(config, 'prod'), [...config.databases.values()]);
    } finally {
      vi.unstubAllEnvs();
    }
  };

  it('refuses a group that lists one database twice, naming the line and the URL without its password', async () => {
    await expect(prodTargets(GROUP('          - postgres://u:s3cret@h:5432/t1\n          - postgres://u@h:5432/t2\n          - postgres://u:s3cret@h:5432/t1\n')))
      .rejects.toSatisfy((e: unknown) => e instanceof BbError && e.kind === 'config' && e.code === 'config.duplicate-url' && !e.message.includes('s3cret')
        && e.message === 'bb.config.yaml:10: environments[0].targets.app.urls[2]: postgres://u:***@h:5432/t1 is the same database as urls[0], so the group would migrate it twice.');
  });

  it('refuses two URLs of one database that differ only in who connects, also when they come from variables', async () => {
    await expect(prodTargets(GROUP('          - ${BB_T_A}\n          - ${BB_T_B}\n'), { BB_T_A: 'postgres://a:pw1@h/t1', BB_T_B: 'postgres://b:pw2@h/t1' }))
      .rejects.toThrow('bb.config.yaml:9: environments[0].targets.app.urls[1]: postgres://b:***@h/t1 is the same database as urls[0] (postgres://a:***@h/t1), so the group would migrate it twice.');
    // The same database name on two servers is two databases.
    rmSync(dir, { recursive: true, force: true });
    expect(await prodTargets(GROUP('          - postgres://h1/t1\n          - postgres://h2/t1\n'))).toMatchObject([{ members: [{ ref: { id: 'prod/app[t1]' } }, { ref: { id: 'prod/app[t1#2]' } }] }]);
  });

  it('refuses two spellings of one database: postgresql:// and postgres://, the default port, host case, a folder written two ways', async () => {
    const twice = async (a: string, b: string, engine = 'postgres'): Promise<unknown> => {
      rmSync(dir, { recursive: true, force: true });
      return prodTargets(GROUP(`          - "${a}"\n          - "${b}"\n`).replace('engine: postgres', `engine: ${engine}`)).catch((e: unknown) => e);
    };
    const refused = (e: unknown, a: string, b: string): boolean => e instanceof BbError && e.code === 'config.duplicate-url'
      && e.message === `bb.config.yaml:9: environments[0].targets.app.urls[1]: ${b} is the same database as urls[0] (${a}), so the group would migrate it twice.`;
    // Printed as written (password hidden), compared normalised.
    expect(refused(await twice('postgres://u:s3cret@h/t1', 'postgresql://u:s3cret@H:5432/t1'), 'postgres://u:***@h/t1', 'postgresql://u:***@H:5432/t1')).toBe(true);
    expect(refused(await twice('pglite://./.bb/t1', 'pglite://.bb/t1'), 'pglite://./.bb/t1', 'pglite://.bb/t1')).toBe(true);
    expect(refused(await twice('mysql://root@db.example/t1', 'mariadb://root@DB.example:3306/t1', 'mysql'), 'mysql://root@db.example/t1', 'mariadb://root@DB.example:3306/t1')).toBe(true);
    expect(refused(await twice('clickhouse://ch/t1', 'http://ch:8123/t1', 'clickhouse'), 'clickhouse://ch/t1', 'http://ch:8123/t1')).toBe(true);
    expect(refused(await twice('chdb://./.bb/ch?database=a', 'chdb://.bb/ch?database=a', 'clickhouse'), 'chdb://./.bb/ch?database=a', 'chdb://.bb/ch?database=a')).toBe(true);
    // Another port, another server, another folder or another chdb database are other databases.
    for (const [a, b, engine] of [
      ['postgres://h/t1', 'postgres://h:5433/t1', 'postgres'], ['postgres://h/t1', 'postgres://h/T1', 'postgres'],
      ['pglite://.bb/t1', 'pglite://.bb/t2', 'postgres'], ['clickhouse://ch/t1', 'https://ch/t1', 'clickhouse'],
      ['chdb://.bb/ch?database=a', 'chdb://.bb/ch?database=b', 'clickhouse'], ['mysql://h/t1', 'mysql://h:3307/t1', 'mysql'],
      // A port written is the port connected to, also the scheme's own default: http://ch:80 is not :8123.
      ['clickhouse://ch/t1', 'http://ch:80/t1', 'clickhouse'], ['https://ch/t1', 'https://ch:443/t1', 'clickhouse'],
    ]) {
      expect([a, b, await twice(a!, b!, engine)]).toMatchObject([a, b, [{ members: [{}, {}] }]]);
    }
  });

  it('names the file and line of a discover.url whose scheme is not the engine\'s', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: prod\n    targets:\n      app:\n        discover:\n          url: "mysql://root:s3cret@127.0.0.1:3306/test"\n          match: "tenant_%"\n' }) });
    await expect(resolveTargetsDiscovering(config, findEnvironment(config, 'prod'), [...config.databases.values()])).rejects.toSatisfy((e: unknown) => e instanceof BbError && e.code === 'config.url-scheme'
      && e.message === 'bb.config.yaml:8: environments[0].targets.app.discover.url: mysql://root:***@127.0.0.1:3306/test (discovery for prod/app) is not a postgres URL.');
  });

  it('names the file, line and key of an unset variable in a target URL: a group member\'s urls[i], an object target\'s url', async () => {
    const unset = (message: string) => (e: unknown): boolean => e instanceof BbError && e.kind === 'config' && e.code === 'config.missing-variable' && e.message === message;
    await expect(prodTargets(GROUP('          - postgres://h/t1\n          - ${BB_T_UNSET}\n'))).rejects.toSatisfy(unset('bb.config.yaml:9: environments[0].targets.app.urls[1]: environment variable BB_T_UNSET is not set.'));
    rmSync(dir, { recursive: true, force: true });
    const single = 'databases:\n  app: { engine: postgres, migrations: m }\nenvironments:\n  - name: prod\n    targets:\n      app:\n        cluster: main\n        url: postgres://u:${BB_T_UNSET}@h/db\n';
    await expect(prodTargets(single)).rejects.toSatisfy(unset('bb.config.yaml:8: environments[0].targets.app.url: environment variable BB_T_UNSET is not set.'));
  });

  it('names the file, line and key of an unset variable in vars and in keys read at load time', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': VALID.replace('  - name: prod\n', '  - name: prod\n    vars:\n      owner: ${BB_T_UNSET}\n') }) });
    expect(() => envVars(config, findEnvironment(config, 'prod'))).toThrow(/^bb\.config\.yaml:9: environments\[1\]\.vars\.owner: environment variable BB_T_UNSET is not set\.$/);
    rmSync(dir, { recursive: true, force: true });
    await fails({ 'bb.config.yaml': `${VALID}backups:\n  dir: \${BB_T_UNSET}/backups\n` }, /^bb\.config\.yaml:12: backups\.dir: environment variable BB_T_UNSET is not set\.$/);
  });

  it('gives each target where its URL is written, for errors met when it is opened', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': `${VALID.replace('      app: ${PROD_URL}\n', '      app:\n        url: ${PROD_URL}\n')}  - name: tenants\n    targets:\n      app:\n        urls:\n          - postgres://h/t1\n          - postgres://h/t2\n` }) });
    vi.stubEnv('PROD_URL', 'postgres://h/prod');
    try {
      const located = async (env: string): Promise<(string | undefined)[]> => (await resolveTargets(config, findEnvironment(config, env), [...config.databases.values()])).flatMap((dt) => dt.members.map((t) => t.locateUrl?.()));
      expect(await located('dev')).toEqual(['bb.config.yaml:6: environments[0].targets.app']);
      expect(await located('prod')).toEqual(['bb.config.yaml:11: environments[1].targets.app.url']);
      expect(await located('tenants')).toEqual(['bb.config.yaml:16: environments[2].targets.app.urls[0]', 'bb.config.yaml:17: environments[2].targets.app.urls[1]']);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('interpolates a target only when its environment is used', async () => {
    const config = await loadConfig({ cwd: write({ 'bb.config.yaml': VALID }) });
    const dev = await resolveTargets(config, findEnvironment(config, 'dev'), [...config.databases.values()]);
    expect(dev[0]!.members[0]!.url).toBe('pglite://.bb/dev');
    await expect(resolveTargets(config, findEnvironment(config, 'prod'), [...config.databases.values()])).rejects.toThrow(/^bb\.config\.yaml:10: environments\[1\]\.targets\.app: environment variable PROD_URL is not set\.$/);
    expect(() => findEnvironment(config, 'prd')).toThrow(/Unknown environment "prd" \(did you mean "prod"\?\)/);
  });
});

describe('interpolate and redact', () => {
  it('replaces variables, applies defaults and escapes', () => {
    expect(interpolate('a ${X} ${Y:-dflt} $${Z}', 'k', { X: '1' })).toBe('a 1 dflt ${Z}');
    expect(() => interpolate('${NOPE}', 'bb.config.yaml:6: environments[0].targets.app', {})).toThrow(/^bb\.config\.yaml:6: environments\[0\]\.targets\.app: environment variable NOPE is not set\.$/);
    // The place is looked up only for the error: finding a line parses the config again.
    const place = vi.fn(() => 'bb.config.yaml:6: environments[0].targets.app');
    expect(interpolate('${X}', place, { X: '1' })).toBe('1');
    expect(place).not.toHaveBeenCalled();
  });
  it('hides passwords in URLs and texts', () => {
    expect(redactUrl('postgres://u:p%40ss@h:5432/db?sslmode=require&password=x')).toBe('postgres://u:***@h:5432/db?sslmode=require&password=***');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactText('failed for mysql://root:hunter2@db/x and hunter2', ['hunter2'])).toBe('failed for mysql://root:***@db/x and ***');
  });
  it('hides a password written with an unencoded @ or / in it, whole', () => {
    expect(redactUrl('postgres://postgres:Sup3r@Secret@127.0.0.1:5432/db')).toBe('postgres://postgres:***@127.0.0.1:5432/db');
    expect(redactUrl('mysql://root:Se@cr/et2@127.0.0.1:3999/db?ssl=true')).toBe('mysql://root:***@127.0.0.1:3999/db?ssl=true');
    expect(passwordOf('postgres://postgres:Sup3r@Secret@127.0.0.1:5432/db')).toBe('Sup3r@Secret');
    expect(redactText('cannot reach mysql://root:Se@cr/et2@127.0.0.1:3999/db (timeout)', [])).toBe('cannot reach mysql://root:***@127.0.0.1:3999/db (timeout)');
    expect(redactUrl('postgres://u:p@h/db?application_name=a@b')).toBe('postgres://u:***@h/db?application_name=a@b');
  });
  it('hides a password written with an unencoded # or ? in it, whole', () => {
    // `#` and `?` ended the password before: `123#abc` was printed in full, `p@ss#word` as `***@ss#word`.
    expect(redactUrl('mysql://root:123#abc@127.0.0.1:3306/app')).toBe('mysql://root:***@127.0.0.1:3306/app');
    expect(redactUrl('mysql://root:p@ss#word@127.0.0.1:3306/app')).toBe('mysql://root:***@127.0.0.1:3306/app');
    expect(redactUrl('postgres://u:pa?ss@h/db?sslmode=require')).toBe('postgres://u:***@h/db?sslmode=require');
    expect(passwordOf('mysql://root:p@ss#word@127.0.0.1:3306/app')).toBe('p@ss#word');
    expect(redactText('cannot reach mysql://root:123#abc@127.0.0.1:3306/app (timeout)', [])).toBe('cannot reach mysql://root:***@127.0.0.1:3306/app (timeout)');
    // A password with a / and then a ? reads as a path and a query, yet it is the password: hidden whole.
    expect(redactUrl('postgres://u:pa/ss?word@host/db')).toBe('postgres://u:***@host/db');
    expect(redactUrl('postgres://u:pa/ss?word@host/db?application_name=a')).toBe('postgres://u:***@host/db?application_name=a');
    expect(redactUrl('postgres://u:pa/ss?word@host/db?application_name=a@b')).toBe('postgres://u:***@b'); // two readings: hide the longer
    expect(passwordOf('postgres://u:pa/ss?word@host/db')).toBe('pa/ss?word');
    expect(redactText('cannot reach postgres://u:pa/ss?word@host/db (timeout)', [])).toBe('cannot reach postgres://u:***@host/db (timeout)');
    // No password: a query's `@` is left alone.
    expect(redactUrl('postgres://h:5432/db?application_name=a@b')).toBe('postgres://h:5432/db?application_name=a@b');
    expect(redactUrl('mysql://u:@h/db')).toBe('mysql://u:@h/db');
  });
});
