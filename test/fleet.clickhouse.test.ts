/** discover: on ClickHouse (chdb): the databases of one embedded folder as a group. */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, project } from './support/bb.js';
import { loadConfig } from '../src/config/load.js';
import { findEnvironment, resolveTargetsDiscovering } from '../src/config/targets.js';
import { loadEngine, type Target } from '../src/engine.js';

let chdbUp = true;
try {
  await import('chdb');
} catch {
  chdbUp = false;
}

describe.skipIf(!chdbUp)('ClickHouse group by discovery (chdb)', () => {
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it('finds the matching databases and migrates each', async () => {
    dir = project({
      'bb.config.yaml': `databases:
  events: { engine: clickhouse, migrations: migrations }
environments:
  - name: dev
    targets:
      events:
        discover: { url: "chdb://.bb/dev", match: "bbt\\\\_fleet\\\\_ch\\\\_%" }
        concurrency: 2
`,
      'migrations/0001_events.sql': 'CREATE TABLE events (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY id',
      'migrations/0002_kind.sql': 'ALTER TABLE events ADD COLUMN kind String',
    });
    const engine = await loadEngine('clickhouse');
    const url = 'chdb://.bb/dev';
    const target: Target = { ref: { environment: 'dev', database: 'events', id: 'setup', url }, engine: 'clickhouse', url, baseDir: dir, history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' }, session: {} };
    const session = await engine.connect(target, {});
    try {
      for (const db of ['bbt_fleet_ch_1', 'bbt_fleet_ch_2', 'bbt_fleet_other']) await session.execute(`CREATE DATABASE IF NOT EXISTS ${db}`);
    } finally {
      await session.close();
    }
    // A discovered member's URL was built from discover.url: that is where an error about it points.
    const config = await loadConfig({ cwd: dir });
    const [found] = await resolveTargetsDiscovering(config, findEnvironment(config, 'dev'), [...config.databases.values()]);
    expect(found!.members.map((t) => [t.ref.member, t.locateUrl?.()])).toEqual(['bbt_fleet_ch_1', 'bbt_fleet_ch_2'].map((m) => [m, 'bb.config.yaml:7: environments[0].targets.events.discover.url']));
    const run = await bb(['migrate', '--env', 'dev', '--format', 'json'], { cwd: dir, timeoutMs: 180_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const members = (JSON.parse(run.stdout) as { fleets: { members: { target: { member: string }; state: string }[] }[] }).fleets[0]!.members;
    expect(members.map((m) => `${m.target.member}:${m.state}`)).toEqual(['bbt_fleet_ch_1:done', 'bbt_fleet_ch_2:done']);
    const status = await bb(['status', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 });
    expect(status.stdout).toContain('dev/events (group, 2 members): 2 at 0002');
    expect((await bb(['drift', '--env', 'dev'], { cwd: dir, timeoutMs: 120_000 })).code).toBe(0);
  }, 300_000);
});
