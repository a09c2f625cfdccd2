/** Synthetic folders and histories for the report's pure tests and its size/speed checks in a browser. */
import type { HistoryRow, TargetRef } from '../../src/engine.js';
import type { EnvironmentConfig } from '../../src/config/model.js';
import type { MigrationFile } from '../../src/migrations/model.js';
import { checksum } from '../../src/migrations/checksum.js';
import { parseVersion } from '../../src/migrations/version.js';
import type { DatabaseInput } from '../../src/report/collect.js';
import type { EnvironmentHistories } from '../../src/review/histories.js';

export function file(n: number, sql = `CREATE TABLE t${n} (id bigint PRIMARY KEY);`): MigrationFile {
  const key = String(n).padStart(4, '0');
  return { kind: 'versioned', version: parseVersion(key), key, name: `step_${n}`, path: `migrations/${key}_step_${n}.sql`, sql, checksum: checksum(sql), directives: { transaction: 'auto', disable: [] } };
}

export function row(f: MigrationFile, patch: Partial<HistoryRow> = {}, minute = 0): HistoryRow {
  const at = new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
  return {
    version: f.key, name: f.name, kind: 'versioned', path: f.path, checksum: f.checksum, status: 'done', applied: 1, total: 1,
    statementHashes: [], retry: false, startedAt: at, finishedAt: at, durationMs: 12, by: 'ci@runner', bbVersion: '0.1.0', environment: 'dev',
    ...patch,
  };
}

export function env(name: string, index: number, protectedEnv = false): EnvironmentConfig {
  return { name, index, protected: protectedEnv, readonly: false, drift: 'warn', targets: new Map() };
}

export function ref(environment: string, member?: string): TargetRef {
  return { environment, database: 'app', ...(member ? { member } : {}), id: `${environment}/app${member ? `[${member}]` : ''}`, url: `postgres://ci:***@db.example/${member ?? environment}` };
}

/** 500 versions × dev, staging, prod (single targets), all done on dev, all but 20 on staging, all but 50 on prod. */
export function large(versions = 500, tenants = 0): DatabaseInput {
  const files = Array.from({ length: versions }, (_, i) => file(i + 1));
  const single = (name: string, i: number, upTo: number): EnvironmentHistories => ({
    environment: env(name, i, name === 'prod'),
    kind: 'single',
    targets: [{ target: ref(name), rows: files.slice(0, upTo).map((f, k) => row(f, { environment: name }, k)) }],
  });
  const histories: EnvironmentHistories[] = [single('dev', 0, versions), single('staging', 1, versions - 20)];
  if (tenants > 0) {
    histories.push({
      environment: env('prod', 2, true),
      kind: 'group',
      targets: Array.from({ length: tenants }, (_, t) => ({
        target: ref('prod', `tenant_${String(t + 1).padStart(3, '0')}`),
        // Most tenants are at versions-50; a few lag behind, one failed.
        rows: files.slice(0, versions - 50 - (t % 40 === 0 ? 5 : 0)).map((f, k) => row(f, { environment: 'prod', ...(t === 7 && k === versions - 51 ? { status: 'failed', error: 'deadlock detected', failedStatement: 0, applied: 0 } : {}) }, k)),
      })),
    });
  } else {
    histories.push(single('prod', 2, versions - 50));
  }
  return { name: 'app', engine: 'postgres', files, histories };
}
