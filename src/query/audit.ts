/**
 * bb query's audit log: one record per query (refused and failed ones included), appended to a
 * JSON-lines file or inserted into a table of a configured database. The sink is opened before the
 * query runs, so a query never runs when its audit line could not be written.
 */
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname, userInfo } from 'node:os';
import type { Config } from '../config/model.js';
import { findEnvironment, resolveTargets } from '../config/targets.js';
import { checkTargetUrl, connectTarget, loadEngine, type DataTasks, type Session } from '../engine.js';
import { BbError, causeMessage } from '../errors.js';
import { makeDir } from '../util/make-dir.js';

export interface AuditRecord {
  readonly at: string;
  readonly user: string;
  readonly host: string;
  /** The CI job, when a known CI variable names one. */
  readonly ci?: string;
  readonly environment: string;
  readonly database: string;
  /** "prod/app" (with the member for a group). */
  readonly target: string;
  /** The target's URL, password redacted. */
  readonly url: string;
  readonly statement: string;
  readonly outcome: 'ok' | 'refused' | 'failed';
  readonly rows: number;
  readonly durationMs: number;
  /** Result columns that were masked. */
  readonly masked: readonly string[];
  readonly unmasked: boolean;
  readonly error?: string;
}

export interface AuditSink {
  write(record: AuditRecord): Promise<void>;
  close(): Promise<void>;
}

export function whoAmI(): { user: string; host: string; ci?: string } {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* keep $USER */
  }
  const ci = process.env.GITHUB_RUN_ID
    ? `GitHub Actions ${process.env.GITHUB_REPOSITORY ?? ''} run ${process.env.GITHUB_RUN_ID}`.replace('  ', ' ')
    : process.env.CI_JOB_ID ? `GitLab job ${process.env.CI_JOB_ID}` : process.env.BUILD_URL ?? undefined;
  return { user, host: hostname(), ...(ci ? { ci } : {}) };
}

/** Opens the configured sink: checks the file can be appended to, or connects and creates the table. */
export async function openAudit(config: Config, environment: string, signal?: AbortSignal): Promise<AuditSink> {
  const audit = config.audit;
  if (audit.kind === 'file') {
    try {
      await makeDir(dirname(audit.file));
      await appendFile(audit.file, '');
    } catch (error) {
      throw new BbError('config', `Cannot write the audit log ${audit.file}: ${causeMessage(error)}.`, { hint: 'Fix audit.file in the config or the folder\'s permissions; bb query does not run without its audit log.', code: 'audit.unwritable' });
    }
    return {
      write: (record) => appendFile(audit.file, `${JSON.stringify(record)}\n`),
      close: async () => undefined,
    };
  }
  const env = findEnvironment(config, audit.environment ?? environment);
  const db = config.databases.get(audit.database);
  if (!db) throw new BbError('config', `audit.database: "${audit.database}" is not a database defined under databases.`, { hint: 'Name one of the configured databases.', code: 'audit.database' });
  const [dt] = await resolveTargets(config, env, [db]);
  const target = dt?.members[0];
  if (!target) throw new BbError('config', `audit.database: "${audit.database}" has no target in environment ${env.name}.`, { hint: 'Add one, or set audit.environment.', code: 'audit.database' });
  const engine = await loadEngine(db.engine);
  const tasks = await engine.dataTasks?.();
  if (!tasks) throw new BbError('config', `audit.database: the ${engine.name} engine cannot hold the audit table.`, { hint: 'Use a file (audit.file) or another database.', code: 'audit.database' });
  // A URL of another engine's scheme is the config error it is, not a failure to open the table.
  checkTargetUrl(engine, target);
  let session: Session;
  try {
    session = await connectTarget(engine, target, signal ? { signal } : {});
  } catch (error) {
    throw new BbError('connect', `Cannot open the audit table in ${target.ref.id}: ${causeMessage(error)}`, { hint: 'bb query does not run without its audit log; fix the audit database target.', code: 'audit.connect', cause: error });
  }
  const table = tasks.quote(audit.table);
  const columns = ['at', 'by_user', 'host', 'ci_job', 'environment', 'target', 'url', 'statement', 'outcome', 'row_count', 'duration_ms', 'masked', 'unmasked', 'error'];
  try {
    await session.execute(`CREATE TABLE IF NOT EXISTS ${table} (at varchar(40) NOT NULL, by_user varchar(200) NOT NULL, host varchar(200) NOT NULL, ci_job varchar(400), environment varchar(200) NOT NULL, target varchar(400) NOT NULL, url varchar(1000) NOT NULL, statement text NOT NULL, outcome varchar(20) NOT NULL, row_count bigint NOT NULL, duration_ms bigint NOT NULL, masked text NOT NULL, unmasked varchar(5) NOT NULL, error text)`);
  } catch (error) {
    await session.close().catch(() => undefined);
    throw new BbError('config', `Cannot create the audit table ${audit.table} in ${target.ref.id}: ${causeMessage(error)}.`, { hint: 'Grant bb CREATE there, or create the table by hand (docs/query.md has its DDL).', code: 'audit.table', cause: error });
  }
  return {
    write: async (r) => {
      const values = [r.at, r.user, r.host, r.ci ?? null, r.environment, r.target, r.url, r.statement, r.outcome, r.rows, Math.round(r.durationMs), r.masked.join(','), String(r.unmasked), r.error ?? null];
      await session.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_c, i) => (tasks as DataTasks).placeholder(i + 1)).join(', ')})`, values);
    },
    close: () => session.close(),
  };
}
