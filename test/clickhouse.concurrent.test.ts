/**
 * Two `bb migrate` processes started at the same moment against one ClickHouse target: the lock row
 * (HTTP) or the data folder lock (chdb) lets one apply, the other waits and then finds nothing to do.
 * Nothing is applied twice: every INSERT of the migrations lands exactly once.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { startClickHouseHttp, type ClickHouseHttp } from './support/clickhouse-http.js';

const folders: string[] = [];
let http: ClickHouseHttp | undefined;
afterAll(async () => {
  await http?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function files(url: string): Record<string, string> {
  const out: Record<string, string> = {
    'bb.config.yaml': `databases:\n  events: { engine: clickhouse, migrations: migrations }\nenvironments:\n  - name: dev\n    targets:\n      events: "${url}"\n`,
    'migrations/0001_t.sql': 'CREATE TABLE t (n UInt32) ENGINE = MergeTree ORDER BY n;\n',
  };
  for (let v = 2; v <= 5; v++) out[`migrations/000${v}_row.sql`] = `INSERT INTO t VALUES (${v});\nSELECT sleep(0.6);\n`;
  return out;
}

async function race(url: string): Promise<{ outputs: string[]; dir: string }> {
  const dir = project(files(url));
  folders.push(dir);
  const [a, b] = await Promise.all([bb(['migrate', '--env', 'dev', '--lock-timeout', '60'], { cwd: dir }), bb(['migrate', '--env', 'dev', '--lock-timeout', '60'], { cwd: dir })]);
  expect(a.code, a.stdout + a.stderr).toBe(0);
  expect(b.code, b.stdout + b.stderr).toBe(0);
  const outputs = [a.stdout + a.stderr, b.stdout + b.stderr];
  // One process applied all five; the other applied none.
  expect(outputs.filter((o) => /5 migrations applied/.test(o)), outputs.join("\n=====\n")).toHaveLength(1);
  expect(outputs.filter((o) => /nothing to do, (already )?up to date at 0005/.test(o)), outputs.join("\n=====\n")).toHaveLength(1);
  return { outputs, dir };
}

describe('clickhouse: two runners at once', () => {
  it('over HTTP: the lock row serialises them and every INSERT lands once', async () => {
    http = await startClickHouseHttp();
    await http.query('CREATE DATABASE bbt_ch_race');
    const { outputs } = await race(http.url('bbt_ch_race'));
    // The second runner found the first one's lock row and named its holder while it waited.
    expect(outputs.some((o) => /waiting for the migration lock held by bb \(.+ pid \d+\)/.test(o) && /after waiting for the lock/.test(o)), outputs.join('\n=====\n')).toBe(true);
    expect((await http.query('SELECT n FROM bbt_ch_race.t ORDER BY n')).trim().split('\n')).toEqual(['2', '3', '4', '5']);
  });

  it('on chdb: the data folder lock serialises them', async () => {
    const { dir } = await race('chdb://.bb/dev/events');
    const query = await bb(['history', '--env', 'dev', '--format', 'json'], { cwd: dir });
    const rows = (JSON.parse(query.stdout) as { targets: { rows: { version: string; status: string }[] }[] }).targets[0]!.rows;
    expect(rows.map((r) => `${r.version}:${r.status}`).sort()).toEqual(['0001:done', '0002:done', '0003:done', '0004:done', '0005:done']);
  });
});
