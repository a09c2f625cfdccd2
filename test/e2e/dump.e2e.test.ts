/** bb dump through the binary, on PGlite: flags it refuses before touching anything. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bb, project } from '../support/bb.js';

describe('bb dump', () => {
  it('refuses --check with --replay (exit 2) and leaves the committed schema file as it was', async () => {
    const committed = '-- edited by hand\n';
    const dir = project({
      'bb.config.yaml': 'databases:\n  app: { engine: postgres, migrations: migrations }\nenvironments:\n  - name: dev\n    targets: { app: "pglite://.bb/dev" }\n',
      'migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
      'schema/app.sql': committed,
    });
    try {
      const run = await bb(['dump', '--check', '--replay'], { cwd: dir });
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, 'error: bb dump takes --check or --replay, not both.']);
      expect(readFileSync(join(dir, 'schema/app.sql'), 'utf8')).toBe(committed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
