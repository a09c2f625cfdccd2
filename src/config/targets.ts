import type { Target } from '../engine.js';
import { BbError } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import { interpolate } from './interpolate.js';
import type { Config, DatabaseConfig, EnvironmentConfig, TargetConfig } from './model.js';
import { redactUrl } from './redact.js';

export const DEFAULT_HISTORY_TABLE = 'bb_migration_history';

/** The environment named by --env; with one environment defined, --env may be left out. */
export function findEnvironment(config: Config, name: string | undefined): EnvironmentConfig {
  const names = config.environments.map((e) => e.name);
  if (name === undefined) {
    if (config.environments.length === 1) return config.environments[0]!;
    throw new BbError('usage', `Which environment? The config defines ${names.join(', ')}.`, { hint: `Pass --env ${names[0]}.`, code: 'usage.env-required' });
  }
  const env = config.environments.find((e) => e.name === name);
  if (!env) {
    throw new BbError('usage', `Unknown environment "${name}"${didYouMean(name, names)}.`, { hint: `Environments in ${config.file.split('/').pop()}: ${names.join(', ')}.`, code: 'usage.unknown-env' });
  }
  return env;
}

/** The databases selected by --db (all when undefined). */
export function selectDatabases(config: Config, db: string | undefined): DatabaseConfig[] {
  if (db === undefined) return [...config.databases.values()];
  const found = config.databases.get(db);
  if (!found) throw new BbError('usage', `Unknown database "${db}"${didYouMean(db, config.databases.keys())}.`, { hint: `Databases: ${[...config.databases.keys()].join(', ')}.`, code: 'usage.unknown-db' });
  return [found];
}

/** The environment before `env` in promotion order, if any. */
export function previousEnvironment(config: Config, env: EnvironmentConfig): EnvironmentConfig | undefined {
  return env.index > 0 ? config.environments[env.index - 1] : undefined;
}

export interface DatabaseTargets {
  readonly database: DatabaseConfig;
  readonly config: TargetConfig;
  /** One for a single target; one per member for a group. */
  readonly members: readonly Target[];
}

/**
 * The targets of one environment for the given databases, URLs interpolated now (a missing variable is
 * an error naming it and the config path). Databases the environment has no target for are skipped.
 */
export function resolveTargets(config: Config, env: EnvironmentConfig, databases: readonly DatabaseConfig[]): DatabaseTargets[] {
  const out: DatabaseTargets[] = [];
  for (const database of databases) {
    const tc = env.targets.get(database.name);
    if (!tc) continue;
    out.push({ database, config: tc, members: members(config, env, database, tc) });
  }
  return out;
}

function members(config: Config, env: EnvironmentConfig, database: DatabaseConfig, tc: TargetConfig): Target[] {
  const history = {
    ...(tc.history.schema ?? database.history.schema ? { schema: (tc.history.schema ?? database.history.schema)! } : {}),
    table: tc.history.table ?? database.history.table ?? DEFAULT_HISTORY_TABLE,
  };
  const ident = { ...history, snapshotTable: `${history.table}_snapshots` };
  const make = (rawUrl: string, where: string, member?: string): Target => {
    const url = interpolate(rawUrl, where);
    const id = `${env.name}/${database.name}${member ? `[${member}]` : ''}`;
    return {
      ref: { environment: env.name, database: database.name, ...(member ? { member } : {}), id, url: redactUrl(url) },
      engine: database.engine,
      url,
      baseDir: config.dir,
      history: ident,
      session: tc.session,
      ...(tc.cluster ? { cluster: tc.cluster } : {}),
    };
  };
  if (tc.kind === 'single') return [make(tc.url, tc.where)];
  if (tc.discover) {
    throw new BbError('config', `${tc.where}: discover is not supported by this version of bb yet.`, { hint: 'List the member databases under urls: instead.', code: 'config.unsupported' });
  }
  const seen = new Set<string>();
  return tc.urls.map((raw, i) => {
    const where = `${tc.where}.urls[${i}]`;
    const url = interpolate(raw, where);
    let name = memberName(url) || `member${i + 1}`;
    if (seen.has(name)) name = `${name}#${i + 1}`;
    seen.add(name);
    return make(raw, where, name);
  });
}

/** A member's name: the database (or folder) at the end of its URL. */
function memberName(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '').replace(/[?#].*$/, '');
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : '';
}
