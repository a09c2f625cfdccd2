import type { DiscoveredMember, Engine, Target } from '../engine.js';
import { BbError, withoutTarget } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import { interpolate } from './interpolate.js';
import type { Config, DatabaseConfig, EnvironmentConfig, TargetConfig } from './model.js';
import { redactUrl } from './redact.js';
import { databaseKey } from './same-database.js';

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
 * The config error for a group target that resolved to no member (a discovery pattern that matched
 * nothing, or an empty urls:), naming the group and the pattern; undefined when `dt` has members or
 * is a single target. resolveTargetsDiscovering throws it, so every command reports it the same way.
 */
export function emptyGroupError(env: EnvironmentConfig, dt: DatabaseTargets): BbError | undefined {
  const tc = dt.config;
  if (tc.kind !== 'group' || dt.members.length > 0) return undefined;
  return new BbError('config', `${env.name}/${dt.database.name}: the group has no members: ${tc.discover ? `discover matched no ${tc.discover.schemas ? 'schema' : 'database'} with "${tc.discover.match}"` : 'urls: is empty'}.`, {
    hint: tc.discover ? 'Check the pattern (LIKE: % any run, _ one character, \\_ a literal underscore; or /regex/) and that the discovery URL points at the right server.' : 'List the member URLs under urls:.',
    code: 'config.empty-group',
  });
}

/**
 * The targets of one environment for the given databases, URLs interpolated now (a missing variable is
 * an error naming it and the config path). Databases the environment has no target for are skipped.
 * A group whose urls: name one database twice (by the engine's urlForms: postgresql:// = postgres://,
 * the default port, host case, a folder written two ways) is a config error naming both entries.
 */
export async function resolveTargets(config: Config, env: EnvironmentConfig, databases: readonly DatabaseConfig[]): Promise<DatabaseTargets[]> {
  const out: DatabaseTargets[] = [];
  for (const database of databases) {
    const tc = env.targets.get(database.name);
    if (!tc) continue;
    out.push({ database, config: tc, members: members(config, env, database, tc, await engineOf(database)) });
  }
  return out;
}

async function engineOf(database: DatabaseConfig): Promise<Engine> {
  const { loadEngine } = await import('../engine.js');
  return loadEngine(database.engine);
}

/**
 * resolveTargets, plus discovery: a `discover:` group connects to its URL once (at plan time), lists
 * the databases (or schemas) and keeps those whose name matches `match`: a SQL LIKE pattern (`%` any
 * run, `_` one character, `\` escapes) or a /regular expression/ with optional flags. Members come out
 * sorted by name; `urls:` listed beside `discover:` are members too. Connection failures are
 * BbError('connect') naming the group. A group left with no member throws emptyGroupError (config):
 * every command that takes --env comes through here, and none of them may treat it as "no target"
 * (nothing printed, exit 0, or a promotion gate that holds vacuously).
 */
export async function resolveTargetsDiscovering(
  config: Config,
  env: EnvironmentConfig,
  databases: readonly DatabaseConfig[],
  options: { signal?: AbortSignal } = {},
): Promise<DatabaseTargets[]> {
  const out: DatabaseTargets[] = [];
  for (const database of databases) {
    const tc = env.targets.get(database.name);
    if (!tc) continue;
    const engine = await engineOf(database);
    if (tc.kind === 'group' && tc.discover) {
      const found = await discover(config, env, database, tc, engine, options);
      const { discover: _, ...listed } = tc;
      const explicit = members(config, env, database, listed, engine);
      const ids = new Set(explicit.map((t) => t.ref.id));
      out.push({ database, config: tc, members: [...explicit, ...found.filter((t) => !ids.has(t.ref.id))] });
    } else {
      out.push({ database, config: tc, members: members(config, env, database, tc, engine) });
    }
    const empty = emptyGroupError(env, out.at(-1)!);
    if (empty) throw empty;
  }
  return out;
}

/** A SQL LIKE pattern or /regex/flags → a predicate on names. */
export function namePattern(pattern: string, where: string): (name: string) => boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) {
    try {
      const regex = new RegExp(re[1]!, re[2]);
      return (name) => regex.test(name);
    } catch (error) {
      throw new BbError('config', `${where}: ${pattern} is not a valid regular expression: ${(error as Error).message}.`, { hint: 'Write a JavaScript regular expression between slashes, e.g. /^tenant_\\d+$/.', code: 'config.pattern' });
    }
  }
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegex(ch);
  }
  const regex = new RegExp(`^${source}$`, 's');
  return (name) => regex.test(name);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** How a group's discovery connection is named in its errors ("discovery for prod/app"): the group's id is "prod/app". */
export function discoveryId(groupId: string): string {
  return `discovery for ${groupId}`;
}

/** A group's discovery or empty-group error, quoted where the group is named already: without its "discovery for prod/app: " or "prod/app: ". */
export function withoutGroup(message: string, groupId: string): string {
  return withoutTarget(withoutTarget(message, { id: discoveryId(groupId) }), { id: groupId });
}

async function discover(
  config: Config,
  env: EnvironmentConfig,
  database: DatabaseConfig,
  tc: Extract<TargetConfig, { kind: 'group' }>,
  engine: Engine,
  options: { signal?: AbortSignal },
): Promise<Target[]> {
  const d = tc.discover!;
  const where = `${tc.where}.discover`;
  const matches = namePattern(d.match, `${where}.match`);
  const urlPath = [...tc.path, 'discover', 'url'];
  const [base] = members(config, env, database, { kind: 'single', url: d.url, urlPath, session: tc.session, history: tc.history, where: `${where}.url`, path: urlPath, ...(tc.cluster ? { cluster: tc.cluster } : {}) }, engine);
  const probe: Target = { ...base!, ref: { ...base!.ref, id: discoveryId(`${env.name}/${database.name}`) } };
  const { connectTarget } = await import('../engine.js');
  // existing: discovery lists what is there, and never creates an embedded database (a chdb folder,
  // a PGlite folder) to list it: one that does not exist yet is the group's connect error.
  const session = await connectTarget(engine, probe, { ...(options.signal ? { signal: options.signal } : {}), existing: true }).catch((error: unknown) => {
    if (!(error instanceof BbError) || error.code !== 'connect.not-created') throw error;
    throw new BbError('connect', `${probe.ref.id}: the embedded database ${probe.ref.url} does not exist yet: there is nothing to discover in it.`, {
      hint: `Check the folder in ${where}.url: a discover: group finds the ${d.schemas ? 'schemas' : 'databases'} that are there already, and bb creates none for it.`,
      code: 'connect.not-created',
    });
  });
  let found: readonly DiscoveredMember[];
  try {
    if (!session.listDatabases) {
      throw new BbError('config', `${where}: the ${engine.name} engine cannot discover databases.`, { hint: 'List the member databases under urls: instead.', code: 'config.unsupported' });
    }
    found = await session.listDatabases({ schemas: d.schemas });
  } finally {
    await session.close().catch(() => undefined);
  }
  return found.filter((m) => matches(m.name)).map((m) => {
    const history = { ...(m.schema ? { schema: m.schema } : base!.history.schema ? { schema: base!.history.schema } : {}), table: base!.history.table, snapshotTable: base!.history.snapshotTable };
    const id = `${env.name}/${database.name}[${m.name}]`;
    return {
      ...base!,
      ref: { environment: env.name, database: database.name, member: m.name, id, url: redactUrl(m.url) + (m.schema ? ` (schema ${m.schema})` : '') },
      url: m.url,
      history,
      session: { ...base!.session, ...(m.session ?? {}) },
      ...(m.schema ? { schemas: [m.schema] } : {}),
    };
  });
}

function members(config: Config, env: EnvironmentConfig, database: DatabaseConfig, tc: TargetConfig, engine: Pick<Engine, 'urlForms'>): Target[] {
  const history = {
    ...(tc.history.schema ?? database.history.schema ? { schema: (tc.history.schema ?? database.history.schema)! } : {}),
    table: tc.history.table ?? database.history.table ?? DEFAULT_HISTORY_TABLE,
  };
  const ident = { ...history, snapshotTable: `${history.table}_snapshots` };
  const make = (url: string, locateUrl: () => string, member?: string): Target => {
    const id = `${env.name}/${database.name}${member ? `[${member}]` : ''}`;
    return {
      ref: { environment: env.name, database: database.name, ...(member ? { member } : {}), id, url: redactUrl(url) },
      engine: database.engine,
      url,
      locateUrl,
      baseDir: config.dir,
      history: ident,
      session: tc.session,
      ...(tc.cluster ? { cluster: tc.cluster } : {}),
    };
  };
  if (tc.kind === 'single') {
    const locateUrl = (): string => config.locate(tc.urlPath);
    return [make(interpolate(tc.url, locateUrl), locateUrl)];
  }
  if (tc.discover) {
    throw new BbError('config', `${tc.where}: discover is not supported by this version of bb yet.`, { hint: 'List the member databases under urls: instead.', code: 'config.unsupported' });
  }
  const seen = new Set<string>();
  const listed = new Map<string, { index: number; shown: string }>();
  return tc.urls.map((raw, i) => {
    const locateUrl = (): string => config.locate([...tc.path, 'urls', i]);
    const url = interpolate(raw, locateUrl);
    // Two members on one database would both run every migration on it.
    const database = databaseKey(url, engine.urlForms, config.dir);
    const shown = redactUrl(url);
    const first = listed.get(database);
    if (first) {
      throw new BbError('config', `${locateUrl()}: ${shown} is the same database as urls[${first.index}]${first.shown === shown ? '' : ` (${first.shown})`}, so the group would migrate it twice.`, {
        hint: 'List each database once under urls:.',
        code: 'config.duplicate-url',
      });
    }
    listed.set(database, { index: i, shown });
    let name = memberName(url) || `member${i + 1}`;
    if (seen.has(name)) name = `${name}#${i + 1}`;
    seen.add(name);
    return make(url, locateUrl, name);
  });
}

/** A member's name: the database (or folder) at the end of its URL. */
function memberName(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '').replace(/[?#].*$/, '');
  const last = path.split('/').filter(Boolean).pop();
  if (!last) return '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a stray %: connecting refuses the URL (checkTargetUrl), naming it
  }
}

/** The environment's placeholder values, ${VAR}s interpolated now (a missing variable names the file, line and key). */
export function envVars(config: Config, env: EnvironmentConfig): Readonly<Record<string, string | number | boolean>> {
  return Object.fromEntries(Object.entries(env.vars).map(([k, v]) => [k, typeof v === 'string' ? interpolate(v, () => config.locate(['environments', env.index, 'vars', k])) : v]));
}

/**
 * The same target pointed at another database of its server (`url`, with secrets; the engine builds
 * it): what bb restore --into restores into. Its id is `<id>→<database>` and its printed URL redacted.
 */
export function retargeted(target: Target, url: string, database: string): Target {
  return { ...target, url, ref: { ...target.ref, id: `${target.ref.id}→${database}`, url: redactUrl(url) } };
}
