/** The report's pure part: histories → states, groups, timeline, failures and their commands; HTML and markdown shape. */
import { describe, expect, it } from 'vitest';
import { buildReport, TIMELINE_LIMIT } from '../src/report/collect.js';
import { reportHtml } from '../src/report/html.js';
import { reportMarkdown } from '../src/report/markdown.js';
import { env, file, large, ref, row } from './support/report-fixture.js';
import { loadEngine } from '../src/engine.js';
import { analyze } from '../src/plan/analysis.js';
import { renderHistory } from '../src/output/pretty/history.js';
import type { MigrationDir } from '../src/migrations/model.js';

const postgres = await loadEngine('postgres');

const ENVS = [{ name: 'dev', protected: false }, { name: 'staging', protected: false }, { name: 'prod', protected: true }];

describe('buildReport', () => {
  const f = [file(1), file(2), file(3, 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY);'), file(4)];
  const edited = { ...f[1]!, checksum: 'sha256:0000' as const };
  const data = buildReport({
    config: 'bb.config.yaml',
    environments: ENVS,
    generatedAt: '2026-01-02T00:00:00Z',
    databases: [{
      name: 'app', engine: 'postgres', files: [f[0]!, edited, f[2]!, f[3]!],
      analysis: analyze({ database: 'app', engine: 'postgres', root: 'migrations', files: f } as MigrationDir, postgres),
      histories: [
        { environment: env('dev', 0), kind: 'single', targets: [{ target: ref('dev'), rows: [row(f[0]!, {}, 1), row(f[1]!, {}, 2), row(f[2]!, { status: 'failed', applied: 1, total: 2, failedStatement: 1, error: 'relation "b" already exists' }, 3)] }] },
        { environment: env('staging', 1), kind: 'single', targets: [{ target: ref('staging'), error: { kind: 'connect', message: 'staging/app: connection refused' } }] },
        {
          environment: env('prod', 2, true), kind: 'group',
          targets: [
            { target: ref('prod', 't1'), rows: [row(f[0]!, { environment: 'prod', by: 'alice@ci' }, 5)] },
            { target: ref('prod', 't2'), rows: [row(f[0]!, { environment: 'prod', by: 'bob@ci' }, 6)] },
            { target: ref('prod', 't3'), rows: [row(f[0]!, { environment: 'prod', status: 'pending', applied: 0, total: 1 }, 7)] },
          ],
        },
      ],
    }],
  });
  const db = data.databases[0]!;

  it('gives each version × column the right state', () => {
    expect(db.columns.map((c) => c.id)).toEqual(['dev/app', 'staging/app', 'prod/app']);
    expect(db.rows.map((r) => [r.version, ...r.cells.map((c) => c.state)])).toEqual([
      ['0001', 'done', 'unknown', 'running'],
      ['0002', 'mismatch', 'unknown', 'pending'],
      ['0003', 'failed', 'unknown', 'pending'],
      ['0004', 'pending', 'unknown', 'pending'],
    ]);
    expect(db.columns[0]!.current).toBe('0002');
    expect(db.columns[1]!.errors).toEqual([{ target: 'staging/app', message: 'staging/app: connection refused' }]);
  });

  it('collapses a group into one column with counts and lists the members that differ', () => {
    const cell = db.rows[0]!.cells[2]!;
    expect(cell.counts).toEqual({ done: 2, running: 1 });
    expect(cell.outliers).toEqual([{ member: 't3', state: 'running', detail: expect.stringContaining('0/1 statements') }]);
    expect(db.columns[2]!.members).toEqual(['t1', 't2', 't3']);
    expect(db.columns[2]!.current).toBeUndefined(); // t3 has nothing done
  });

  it('lists open failures with the failing statement and the command that resolves them', () => {
    const failed = data.failures.find((x) => x.state === 'failed')!;
    expect(failed).toMatchObject({ version: '0003', targets: ['dev/app'], error: 'relation "b" already exists', statement: { number: 2, total: 2, line: 2, text: expect.stringMatching(/^CREATE TABLE b \(id int PRIMARY KEY\);?$/) } });
    expect(failed.command).toBe('bb repair --env dev --db app --version 0003 --retry && bb migrate --env dev');
    const mismatch = data.failures.find((x) => x.state === 'mismatch')!;
    expect(mismatch).toMatchObject({ version: '0002', command: 'bb repair --env dev --db app --accept-checksums' });
    const running = data.failures.find((x) => x.state === 'running')!;
    expect(running).toMatchObject({ version: '0001', targets: ['prod/app[t3]'], command: 'bb repair --env prod --db app --version 0001 && bb migrate --env prod' });
  });

  it('builds a timeline per environment, newest first, with group members folded', () => {
    expect(data.timeline.map((t) => [t.environment, t.entries.map((e) => e.version)])).toEqual([['dev', ['0003', '0002', '0001']], ['staging', []], ['prod', ['0001', '0001']]]);
    const prodDone = data.timeline[2]!.entries.find((e) => e.status === 'done')!;
    expect(prodDone).toMatchObject({ target: 'prod/app', members: 2, by: 'alice@ci, bob@ci' });
  });

  it('renders HTML with a state per cell, a legend, and escapes text', () => {
    const html = reportHtml(data);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('relation &quot;b&quot; already exists');
    expect((html.match(/<td class="cell[^"]*" data-state="failed"/g) ?? []).length).toBe(1);
    expect((html.match(/<td class="cell[^"]*" data-state="mismatch"/g) ?? []).length).toBe(1);
    expect(html).toContain('<details><summary>1 differ</summary>');
    expect(html).toContain('bb repair --env dev --db app --version 0003 --retry &amp;&amp; bb migrate --env dev');
  });

  it('renders the same content as markdown', () => {
    const md = reportMarkdown(data);
    expect(md).toContain('| 0002 | `migrations/0002_step_2.sql` | ≠ changed | ! unknown | ·3 |');
    expect(md).toContain('| 0001 | `migrations/0001_step_1.sql` | ✓ done | ! unknown | …1 ✓2 |');
    expect(md).toContain('`bb repair --env dev --db app --version 0003 --retry && bb migrate --env dev`');
  });
});

describe('running, interrupted and to resume: the classification bb status uses', () => {
  const f = [file(1), file(2, 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);'), file(3)];
  const data = buildReport({
    config: 'bb.config.yaml', environments: ENVS.slice(0, 2), generatedAt: '2026-01-02T00:00:00Z',
    databases: [{
      name: 'app', engine: 'postgres', files: f,
      analysis: analyze({ database: 'app', engine: 'postgres', root: 'migrations', files: f } as MigrationDir, postgres),
      histories: [
        // dev: 0001 done, 0002 left pending by a run that was killed (nobody holds the lock)
        { environment: env('dev', 0), kind: 'single', targets: [{ target: ref('dev'), rows: [row(f[0]!, {}, 1), row(f[1]!, { status: 'pending', applied: 1, total: 3 }, 2)], runners: new Map([['0002', null]]) }] },
        // staging: 0001 being applied right now (a runner holds the lock), 0002 handed to bb repair --retry
        {
          environment: env('staging', 1), kind: 'single',
          targets: [{
            target: ref('staging'),
            rows: [row(f[1]!, { status: 'failed', retry: true, applied: 2, total: 3, failedStatement: 2, error: 'relation "c" already exists', environment: 'staging' }, 3), row(f[0]!, { status: 'pending', applied: 0, total: 1, environment: 'staging' }, 4)],
            runners: new Map([['0001', 'bb ann@ci pid 7 (since 2026-01-01 12:04:00 UTC)']]),
          }],
        },
      ],
    }],
  });
  const db = data.databases[0]!;

  it('tells an interrupted run from one at work and shows a version to resume, as bb status does', () => {
    expect(db.rows.map((r) => [r.version, ...r.cells.map((c) => c.state)])).toEqual([
      ['0001', 'done', 'running'],
      ['0002', 'interrupted', 'retry'],
      ['0003', 'pending', 'pending'],
    ]);
    expect(db.rows[0]!.cells[1]!.detail).toContain('running now (the migration lock is held by bb ann@ci pid 7');
    expect(db.rows[1]!.cells[1]!.detail).toBe('failed at statement 3 of 3: relation "c" already exists; bb repair --retry was run: the next bb migrate --env staging resumes it at statement 3 of 3');
  });

  it('lists only the interrupted run as an open failure, with the statement it stopped at and the bb repair choices', () => {
    expect(data.failures).toHaveLength(1);
    expect(data.failures[0]).toMatchObject({
      state: 'interrupted', version: '0002', targets: ['dev/app'],
      statement: { number: 2, total: 3, line: 2 },
      command: 'bb repair --env dev --db app --version 0002 --retry && bb migrate --env dev',
      hint: expect.stringContaining('bb repair --env dev --version 0002 --retry to resume at statement 2'),
    });
  });

  it('gives timeline entries the same states, and renders them in HTML and markdown', () => {
    expect(data.timeline.map((t) => t.entries.map((e) => [e.version, e.status, e.state]))).toEqual([
      [['0002', 'pending', 'interrupted'], ['0001', 'done', 'done']],
      [['0001', 'pending', 'running'], ['0002', 'failed', 'retry']],
    ]);
    const html = reportHtml(data);
    expect(html).toContain('<td class="cell s-interrupted" data-state="interrupted" data-column="dev/app"');
    expect(html).toContain('<td class="cell s-retry" data-state="retry" data-column="staging/app"');
    expect(html).toContain('<td class="s-interrupted" data-state="interrupted">interrupted</td>');
    const md = reportMarkdown(data);
    expect(md).toContain('| 0002 | `migrations/0002_step_2.sql` | ✗ interrupted | ↻ retry |');
    expect(md).toContain('| 0001 | `migrations/0001_step_1.sql` | ✓ done | … running |');
    expect(md).toMatch(/\| 0002 step_2 \| retry \|/);
    expect(md).toContain('- ✗ **0002** `migrations/0002_step_2.sql` on `dev/app`: interrupted: recorded as running since');
  });
});

describe('the timeline\'s time', () => {
  it('is when a row finished (was applied), as bb history shows it, newest first by that time', () => {
    const f = [file(1), file(2)];
    // 0001 started first but ran 20 minutes; 0002 (another runner) started and finished in between.
    const rows = [
      row(f[0]!, { startedAt: '2026-01-01T12:00:00.000Z', finishedAt: '2026-01-01T12:20:00.000Z' }),
      row(f[1]!, { startedAt: '2026-01-01T12:05:00.000Z', finishedAt: '2026-01-01T12:06:00.000Z' }),
    ];
    const data = buildReport({
      config: 'bb.config.yaml', environments: ENVS.slice(0, 1),
      databases: [{ name: 'app', engine: 'postgres', files: f, histories: [{ environment: env('dev', 0), kind: 'single', targets: [{ target: ref('dev'), rows }] }] }],
    });
    expect(data.timeline[0]!.entries.map((e) => e.version)).toEqual(['0001', '0002']);
    const md = reportMarkdown(data);
    expect(md).toContain('| 2026-01-01T12:20:00.000Z | `dev/app` | 0001 step_1 |');
    expect(md).toContain('| 2026-01-01T12:06:00.000Z | `dev/app` | 0002 step_2 |');
    expect(md).not.toContain('2026-01-01T12:00:00.000Z');
    expect(reportHtml(data)).toMatch(/<tr class="t-done"><td>2026-01-01 12:20:00 UTC<\/td><td><code>dev\/app<\/code><\/td><td>0001<\/td>/);
    // bb history shows the same time for the same row.
    const history = renderHistory({ environment: 'dev', targets: [{ target: 'dev/app', rows: rows.map((r) => ({ ...r, state: 'done' as const })) }] }, { color: false });
    expect(history).toMatch(/0001 .*2026-01-01T12:20:00\.000Z/);
  });
});

describe('drift', () => {
  it('marks the snapshot version of a drifted target and lists it with the command to inspect it', () => {
    const f = [file(1), file(2), file(3)];
    const data = buildReport({
      config: 'bb.config.yaml', environments: ENVS.slice(0, 2),
      databases: [{
        name: 'app', engine: 'postgres', files: f,
        histories: [
          { environment: env('dev', 0), kind: 'single', targets: [{ target: ref('dev'), rows: f.map((x) => row(x)), drift: { status: 'clean', snapshotVersion: '0003', changes: [] } }] },
          { environment: env('staging', 1), kind: 'single', targets: [{ target: ref('staging'), rows: f.slice(0, 2).map((x) => row(x)), drift: { status: 'drift', snapshotVersion: '0002', changes: [{ kind: 'column', name: 'public.t1.extra', change: 'added' }] } }] },
        ],
      }],
    });
    const rows = data.databases[0]!.rows;
    expect(rows.map((r) => r.cells.map((c) => c.state))).toEqual([['done', 'done'], ['done', 'drift'], ['done', 'pending']]);
    expect(rows[1]!.cells[1]!.detail).toBe('schema drift: column public.t1.extra added');
    expect(data.failures).toEqual([expect.objectContaining({ state: 'drift', version: '0002', path: 'migrations/0002_step_2.sql', targets: ['staging/app'], command: 'bb drift --env staging --db app' })]);
    expect(data.databases[0]!.columns[1]!.counts).toEqual({ done: 1, drift: 1, pending: 1 });
    expect(reportHtml(data)).toContain('data-state="drift" data-column="staging/app"');
  });
});

describe('at scale', () => {
  it('500 versions × 200 tenants stays one group column, a bounded timeline and a readable page', () => {
    const data = buildReport({ config: 'bb.config.yaml', environments: ENVS, databases: [large(500, 200)] });
    const db = data.databases[0]!;
    expect(db.columns).toHaveLength(3);
    expect(db.columns[2]!.members).toHaveLength(200);
    expect(db.rows).toHaveLength(500);
    // 0450 is pending on the 5 lagging tenants (every 40th) and failed on tenant 8.
    const cell = db.rows[449]!.cells[2]!;
    expect(cell.state).toBe('failed');
    expect(cell.counts).toEqual({ done: 194, pending: 5, failed: 1 });
    for (const t of data.timeline) expect(t.entries.length).toBeLessThanOrEqual(TIMELINE_LIMIT);
    expect(data.timeline[2]!.entries[0]!.members).toBeGreaterThan(100);
    const html = reportHtml(data);
    expect(html.length).toBeLessThan(3_000_000);
    expect(data.failures).toHaveLength(1);
    const md = reportMarkdown(data);
    expect(md).toContain('445 of 500 versions done everywhere'); // 5 tenants lag 5 versions behind
  });
});
