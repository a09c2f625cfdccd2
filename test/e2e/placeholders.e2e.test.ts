/** `{{ name }}` placeholders filled from each environment's vars (issue #5), on embedded PGlite. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean, project } from '../support/bb.js';

describe('placeholders', () => {
  const dir = project({
    'bb.config.yaml': `databases:
  app: { engine: postgres, migrations: migrations }
environments:
  - name: dev
    vars: { prefix: dev, owner: "\${OWNER:-alice}" }
    targets:
      app: pglite://.bb/dev
  - name: staging
    vars: { prefix: stg, owner: "\${STAGING_OWNER}" }
    targets:
      app: pglite://.bb/staging
`,
    'migrations/0001_users.sql': "CREATE TABLE {{ prefix }}_users (id int);\nCOMMENT ON TABLE {{prefix}}_users IS 'owned by {{ owner }}';\n",
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills each environment\'s values; the checksum stays the file\'s, so the gate passes', async () => {
    const dev = await bb(['migrate', '--env', 'dev'], { cwd: dir });
    expect(dev.code, dev.stdout + dev.stderr).toBe(0);
    const staging = await bb(['migrate', '--env', 'staging'], { cwd: dir, env: { STAGING_OWNER: 'bob' } });
    expect(staging.code, staging.stdout + staging.stderr).toBe(0);
    const dump = await bb(['history', '--env', 'staging', '--format', 'json'], { cwd: dir, env: { STAGING_OWNER: 'bob' } });
    const rows = (JSON.parse(dump.stdout) as { targets: { rows: { version: string; status: string }[] }[] }).targets[0]!.rows;
    expect(rows.map((r) => [r.version, r.status])).toEqual([['0001', 'done']]);
    const { PGlite } = await import('@electric-sql/pglite');
    for (const [env, table, owner] of [['dev', 'dev_users', 'alice'], ['staging', 'stg_users', 'bob']] as const) {
      const db = new PGlite(join(dir, '.bb', env));
      const res = await db.query<{ c: string }>(`SELECT obj_description('${table}'::regclass) AS c`);
      expect(res.rows[0]!.c).toBe(`owned by ${owner}`);
      await db.close();
    }
  });

  it('an undefined placeholder is an error naming it, the file and the line; a missing variable names the key', async () => {
    writeFileSync(join(dir, 'migrations/0002_more.sql'), 'SELECT 1;\nCREATE TABLE {{ prefx }}_orders (id int);\n');
    const run = await bb(['plan', '--env', 'dev'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/prefx/);
    expect(run.stderr).toMatch(/migrations\/0002_more\.sql:2/);
    expect(clean(run)).toBe(true);
    rmSync(join(dir, 'migrations/0002_more.sql'));
    const missing = await bb(['plan', '--env', 'staging'], { cwd: dir, env: { STAGING_OWNER: undefined } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/bb\.config\.yaml:\d+: environments\[1\]\.vars\.owner: environment variable STAGING_OWNER is not set\./);
  });
});
