/**
 * Issue #8 acceptance for `bb init --demo`: from a fresh folder with no server, the demo project works
 * end to end: status, review (one lint warning on the pending change), migrate --env dev, report.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bb, clean } from './support/bb.js';
import { git } from './support/git.js';

describe('bb init --demo in a fresh folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bb-demo-'));
  // No server anywhere: point the usual variables at a closed port to prove nothing uses them.
  const env = { PGHOST: '127.0.0.1', PGPORT: '9', GITHUB_BASE_REF: undefined, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: undefined, GITHUB_STEP_SUMMARY: undefined };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates three PGlite environments, twelve migrations and a git branch with the pending change', async () => {
    const run = await bb(['init', '--demo'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0001–0011 applied everywhere, 0012_add_shipments_tracking_index\.sql pending/);
    expect(readdirSync(join(dir, 'migrations/app')).filter((f) => f.endsWith('.sql'))).toHaveLength(12);
    const config = readFileSync(join(dir, 'bb.config.yaml'), 'utf8');
    for (const e of ['dev', 'staging', 'prod']) expect(config).toContain(`pglite://.bb/${e}/app`);
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('add-shipments-index');
    expect(git(dir, 'log', '--format=%s', 'main')).not.toContain('shipments.tracking_number');
    const again = await bb(['init', '--demo'], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/bb\.config\.yaml already exists/);
  }, 240_000);

  it('bb status shows 11 done and 1 pending per environment', async () => {
    const run = await bb(['status'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const e of ['dev', 'staging', 'prod']) expect(run.stdout).toContain(`${e}/app: at 0011, 11 done, 1 pending`);
  }, 120_000);

  it('bb review shows the pending change with its one lint warning and exits 0', async () => {
    const run = await bb(['review', '--format', 'json'], { cwd: dir, env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { review } = JSON.parse(run.stdout) as { review: { files: { path: string; findings: { ruleId: string; level: string }[] }[]; summary: { errors: number; warnings: number }; base: { ref: string }; otherFiles: string[] } };
    expect(review.base.ref).toBe('main');
    expect(review.files.map((f) => f.path)).toEqual(['migrations/app/0012_add_shipments_tracking_index.sql']);
    expect(review.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(review.files[0]!.findings.map((f) => [f.ruleId, f.level])).toEqual([['index.create-concurrently', 'warning']]);
    // Each demo commit carries its schema dump, so the review shows the schema the change makes.
    const md = await bb(['review', '--format', 'markdown'], { cwd: dir, env });
    expect(md.stdout).toMatch(/`schema\/app\.sql`\n\n```diff\n[\s\S]*\n\+CREATE INDEX shipments_tracking_number_idx ON public\.shipments/);
  }, 120_000);

  it('bb migrate --env dev applies the pending change; bb report writes a page', async () => {
    const migrate = await bb(['migrate', '--env', 'dev'], { cwd: dir, env });
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/dev\/app: 1 migration applied/);
    const report = await bb(['report'], { cwd: dir, env });
    expect(report.code, report.stdout + report.stderr).toBe(0);
    expect(report.stdout).toMatch(/Wrote report\.html .*3 environments, 3 targets, 12 versions, no open problems, lint of pending files: 0 errors, 1 warning\./);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/<tr class="todo" data-version="0012">.*data-state="done" data-column="dev\/app".*data-state="pending" data-column="staging\/app".*data-state="pending" data-column="prod\/app"/);
    const md = await bb(['report', '--format', 'markdown'], { cwd: dir, env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('11 of 12 versions done everywhere');
    expect(existsSync(join(dir, '.bb/prod/app'))).toBe(true);
    expect(clean(report)).toBe(true);
  }, 180_000);
});
