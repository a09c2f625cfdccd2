import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { BbError, causeMessage } from '../errors.js';
import type { EngineName } from '../migrations/model.js';
import { interpolateDeep } from './interpolate.js';
import type { AuditConfig, Config, DatabaseConfig, EnvironmentConfig, MaskRule, TargetConfig } from './model.js';
import { formatPath, validate, type SchemaNode, type Violation } from './validate.js';
import { namePattern } from './targets.js';
import { didYouMean } from '../util/closest.js';

const MODULE = 'bb';
export const SEARCH_PLACES = [
  'bb.config.yaml', 'bb.config.yml', 'bb.config.json', 'bb.config.js', 'bb.config.mjs', 'bb.config.cjs', 'bb.config.ts',
  '.bbrc', '.bbrc.yaml', '.bbrc.yml', '.bbrc.json', '.bbrc.js', 'package.json',
];

let schemaCache: SchemaNode | undefined;
export function configSchema(): SchemaNode {
  if (!schemaCache) {
    const here = dirname(fileURLToPath(import.meta.url));
    // src/config → project root, both from the sources (vitest) and from dist/src/config.
    const candidates = [resolve(here, '../../bb.config.schema.json'), resolve(here, '../../../bb.config.schema.json')];
    for (const path of candidates) {
      try {
        schemaCache = JSON.parse(readFileSync(path, 'utf8')) as SchemaNode;
        break;
      } catch {
        /* try the next location */
      }
    }
    if (!schemaCache) throw new BbError('internal', 'bb.config.schema.json is missing from the installation.', { hint: 'Reinstall bb.' });
  }
  return schemaCache;
}

/** A command's config: `--config <file>` when given, else the nearest bb config from `cwd` upwards (findConfigFolder). */
export async function openConfig(options: { config?: string | undefined }, cwd: string): Promise<Config> {
  return loadConfig({ configPath: options.config, cwd });
}

/**
 * Reads the given config file (`configPath`, relative to `cwd`), else the nearest one from `cwd` upwards
 * (findConfigFolder), else bb's global config folder; validates it and resolves its relative paths
 * against the config file's folder, never against `cwd`.
 */
export async function loadConfig(options: { configPath?: string | undefined; cwd?: string }): Promise<Config> {
  const cwd = options.cwd ?? process.cwd();
  const { file, raw, lineOf } = await findAndRead(options.configPath ? resolve(cwd, options.configPath) : undefined, cwd);
  return parseConfig(raw, file, lineOf);
}

/** Validates an already-parsed config object; `lineOf` maps a key path to a line for messages. */
export function parseConfig(raw: unknown, file: string, lineOf: (path: readonly (string | number)[]) => number | undefined = () => undefined): Config {
  const name = basename(file);
  const mixed = mixedTargets(raw);
  // The validator's own complaint about such a target names one of the two keys as unknown: leave it out.
  const violations = [...mixed, ...validate(configSchema(), raw).filter((v) => !mixed.some((m) => m.path.every((key, i) => v.path[i] === key)))];
  if (violations.length > 0) {
    const first = violations[0]!;
    const line = lineOf(first.path);
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more problem${violations.length > 2 ? 's' : ''}: ${violations.slice(1, 4).map((v) => `${formatPath(v.path)}: ${v.message}`).join('; ')})` : '';
    throw new BbError('config', `${name}${line ? `:${line}` : ''}: ${formatPath(first.path)}: ${first.message}${more}.`, {
      hint: 'Fix the config; bb.config.schema.json describes every key (editors complete it when the file starts with "# yaml-language-server: $schema=…").',
      code: 'config.invalid',
    });
  }
  const at = (path: readonly (string | number)[]): string => {
    const line = lineOf(path);
    return `${name}${line ? `:${line}` : ''}: ${formatPath(path)}`;
  };
  // Targets keep their ${VAR}s until their environment is used, so that `--env dev` never needs prod's secrets.
  const keptAsWritten = (path: readonly (string | number)[]): boolean => path.length === 3 && path[0] === 'environments' && (path[2] === 'targets' || path[2] === 'vars');
  const doc = interpolateDeep(raw, [], keptAsWritten, at) as RawConfig;
  const dir = dirname(file);

  const checkMasking = (rules: readonly MaskRule[], path: readonly (string | number)[]): void => {
    rules.forEach((rule, i) => {
      // bb query matches the last three parts as schema, table and column: a fourth would be dropped unread.
      if (rule.column.split('.').length > 3) {
        throw new BbError('config', `${at([...path, i, 'column'])}: "${rule.column}" has more than three parts.`, {
          hint: 'Write [schema.]table.column, with * for any name ("*.email", "billing.*.iban").',
          code: 'config.masking-column',
        });
      }
    });
  };

  const databases = new Map<string, DatabaseConfig>();
  for (const [dbName, db] of Object.entries(doc.databases)) {
    checkMasking(db.masking ?? [], ['databases', dbName, 'masking']);
    const prior = db.priorBackup === true || (typeof db.priorBackup === 'object' && db.priorBackup.enabled !== false)
      ? { maxRows: (typeof db.priorBackup === 'object' ? db.priorBackup.maxRows : undefined) ?? 100_000 } : undefined;
    databases.set(dbName, Object.freeze({
      name: dbName, engine: db.engine as EngineName, migrations: resolve(dir, db.migrations), history: db.history ?? {},
      masking: db.masking ?? [], ...(prior ? { priorBackup: prior } : {}),
    }));
  }
  const unknownDatabase = (path: readonly (string | number)[], dbName: string): BbError => new BbError('config', `${at(path)}: "${dbName}" is not a database defined under databases${didYouMean(dbName, databases.keys())}.`, {
    hint: `Defined databases: ${[...databases.keys()].join(', ')}.`,
    code: 'config.unknown-database',
  });
  const seen = new Set<string>();
  const environments: EnvironmentConfig[] = doc.environments.map((env, index) => {
    if (seen.has(env.name)) {
      throw new BbError('config', `${name}${lineOf(['environments', index, 'name']) ? `:${lineOf(['environments', index, 'name'])}` : ''}: environment "${env.name}" is defined twice.`, { hint: 'Give each environment a unique name.', code: 'config.duplicate-environment' });
    }
    seen.add(env.name);
    const targets = new Map<string, TargetConfig>();
    for (const [dbName, t] of Object.entries(env.targets)) {
      if (!databases.has(dbName)) throw unknownDatabase(['environments', index, 'targets', dbName], dbName);
      targets.set(dbName, toTarget(t, ['environments', index, 'targets', dbName]));
      // A /regex/ that does not compile is a config error with its line now, not when discovery runs.
      if (typeof t === 'object' && t.discover?.match) namePattern(t.discover.match, at(['environments', index, 'targets', dbName, 'discover', 'match']));
    }
    for (const [dbName, rules] of Object.entries(env.masking || {})) {
      if (!databases.has(dbName)) throw unknownDatabase(['environments', index, 'masking', dbName], dbName);
      if (rules) checkMasking(rules, ['environments', index, 'masking', dbName]);
    }
    return Object.freeze({
      name: env.name,
      index,
      protected: env.protected ?? false,
      readonly: env.readonly ?? false,
      drift: env.drift ?? (env.protected ? 'fail' : 'off'),
      vars: env.vars ?? {},
      query: env.query ?? true,
      backup: env.backup ?? 'off',
      ...(env.masking !== undefined ? { masking: env.masking } : {}),
      unmask: env.unmask ?? false,
      targets,
    });
  });
  const envNames = environments.map((e) => e.name);
  const unknownEnvironment = (path: readonly (string | number)[], env: string): BbError => new BbError('config', `${at(path)}: "${env}" is not an environment defined under environments${didYouMean(env, envNames)}.`, {
    hint: `Defined environments: ${envNames.join(', ')}.`,
    code: 'config.unknown-environment',
  });
  for (const env of Object.keys(doc.rules?.environments ?? {})) {
    // An override for an environment that does not exist would never apply: most likely a typo.
    if (!envNames.includes(env)) throw unknownEnvironment(['rules', 'environments', env], env);
  }
  if (doc.audit?.database !== undefined && !databases.has(doc.audit.database)) throw unknownDatabase(['audit', 'database'], doc.audit.database);
  if (doc.audit?.environment !== undefined && !envNames.includes(doc.audit.environment)) throw unknownEnvironment(['audit', 'environment'], doc.audit.environment);
  const audit: AuditConfig = doc.audit?.database
    ? { kind: 'table', database: doc.audit.database, table: doc.audit.table ?? 'bb_query_audit', ...(doc.audit.environment ? { environment: doc.audit.environment } : {}) }
    : { kind: 'file', file: resolve(dir, doc.audit?.file ?? '.bb/audit.jsonl') };
  return Object.freeze({
    file, dir, databases, environments: Object.freeze(environments), rules: doc.rules ?? {}, plugins: doc.plugins ?? [],
    audit, backupsDir: resolve(dir, doc.backups?.dir ?? '.bb/backups'), locate: at,
  });
}

interface RawTarget {
  url?: string; urls?: string[]; discover?: { url: string; match: string; schemas?: boolean };
  concurrency?: number; canary?: number; onError?: 'stop' | 'continue';
  session?: Record<string, string | number | boolean>; history?: { schema?: string; table?: string }; cluster?: string;
}
interface RawConfig {
  databases: Record<string, {
    engine: string; migrations: string; history?: { schema?: string; table?: string };
    masking?: MaskRule[]; priorBackup?: boolean | { enabled?: boolean; maxRows?: number };
  }>;
  environments: {
    name: string; protected?: boolean; readonly?: boolean; drift?: 'fail' | 'warn' | 'off'; targets: Record<string, string | RawTarget>;
    vars?: Record<string, string | number | boolean>;
    query?: boolean; backup?: 'before-migrate' | 'off'; masking?: false | Record<string, MaskRule[] | false>; unmask?: boolean | string[];
  }[];
  audit?: { file?: string; database?: string; environment?: string; table?: string };
  backups?: { dir?: string };
  rules?: Record<string, unknown> & { environments?: Record<string, unknown> };
  plugins?: string[];
}

/**
 * Targets with both `url:` (one database) and `urls:` or `discover:` (a group), as violations naming
 * both keys. The schema's two target shapes each reject the other's key, so the validator alone would
 * call one of them an unknown key and suggest the other.
 */
function mixedTargets(raw: unknown): Violation[] {
  const environments = (raw as { environments?: unknown } | null)?.environments;
  if (!Array.isArray(environments)) return [];
  return environments.flatMap((env: unknown, index) => {
    const targets = (env as { targets?: unknown } | null)?.targets;
    if (!targets || typeof targets !== 'object') return [];
    return Object.entries(targets).flatMap(([dbName, t]: [string, unknown]) => {
      const groupKeys = t && typeof t === 'object' && 'url' in t ? ['urls', 'discover'].filter((key) => key in t) : [];
      if (groupKeys.length === 0) return [];
      const group = groupKeys.map((key) => `${key}:`).join(' and ');
      return [{ path: ['environments', index, 'targets', dbName], message: `has both url: (one database) and ${group} (a group of databases); keep one of the two` }];
    });
  });
}

function toTarget(t: string | RawTarget, path: readonly (string | number)[]): TargetConfig {
  const where = formatPath(path);
  if (typeof t === 'string') return { kind: 'single', url: t, urlPath: path, session: {}, history: {}, where, path };
  const common = { session: t.session ?? {}, history: t.history ?? {}, where, path, ...(t.cluster ? { cluster: t.cluster } : {}) };
  if (t.url !== undefined) return { kind: 'single', url: t.url, urlPath: [...path, 'url'], ...common };
  return {
    kind: 'group',
    urls: t.urls ?? [],
    ...(t.discover ? { discover: { url: t.discover.url, match: t.discover.match, schemas: t.discover.schemas ?? false } } : {}),
    concurrency: t.concurrency ?? 4,
    canary: t.canary ?? 0,
    onError: t.onError ?? 'stop',
    ...common,
  };
}

interface ReadResult { file: string; raw: unknown; lineOf: (path: readonly (string | number)[]) => number | undefined }

async function findAndRead(explicit: string | undefined, from: string): Promise<ReadResult> {
  // Without --config: the nearest folder with a config. With none up to the boundary, cosmiconfig
  // still looks in bb's global config folder (searchStrategy 'global'), when there is one.
  const found = explicit ? undefined : findConfigFolder(from);
  const cwd = found ?? from;
  // The common case, a YAML config (found in the folder or named by --config), is read without
  // cosmiconfig: it is the first of SEARCH_PLACES, and skipping cosmiconfig saves its start-up.
  const direct = explicit ?? (found && existsSync(join(found, SEARCH_PLACES[0]!)) ? join(found, SEARCH_PLACES[0]!) : undefined);
  if (direct && /\.ya?ml$/i.test(direct) && existsSync(direct)) {
    const { parse } = await import('./yaml.js');
    let content: string;
    try {
      content = readFileSync(direct, 'utf8');
    } catch (error) {
      throw new BbError('config', `Cannot read the config ${direct}: ${causeMessage(error)}.`, { hint: 'Check the file permissions.', cause: error, code: 'config.syntax' });
    }
    if (content.trim() === '') throw new BbError('config', `The config file ${direct} is empty.`, { hint: 'Run "bb init" to create bb.config.yaml, or pass --config <file>.', code: 'config.missing' });
    const { value, lineOf } = parse(content, direct);
    return { file: direct, raw: value, lineOf };
  }
  if (!explicit && !found && !mayHoldGlobalConfig()) throw noConfig(from);
  const { cosmiconfig } = await import('cosmiconfig');
  const lineMaps = new Map<string, (path: readonly (string | number)[]) => number | undefined>();
  const yamlLoader = async (filepath: string, content: string): Promise<unknown> => {
    const { parse } = await import('./yaml.js');
    const { value, lineOf } = parse(content, filepath);
    lineMaps.set(filepath, lineOf);
    return value;
  };
  const explorer = cosmiconfig(MODULE, {
    searchPlaces: SEARCH_PLACES,
    loaders: { '.yaml': yamlLoader, '.yml': yamlLoader, noExt: yamlLoader },
    searchStrategy: 'global',
    stopDir: cwd,
  });
  let result;
  try {
    result = explicit ? await explorer.load(explicit) : await explorer.search(cwd);
  } catch (error) {
    if (error instanceof BbError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (explicit && code === 'ENOENT') {
      throw new BbError('config', `Config file ${explicit} does not exist.`, { hint: 'Check the --config path, or run bb init to create bb.config.yaml.', code: 'config.missing' });
    }
    if (explicit && code === 'EISDIR') {
      throw new BbError('config', `--config ${explicit} is a folder, not a config file.`, { hint: `Name the file, e.g. --config ${join(explicit, SEARCH_PLACES[0]!)}.`, code: 'config.missing' });
    }
    throw new BbError('config', `Cannot load the config${explicit ? ` ${explicit}` : ''}: ${causeMessage(error).split('\n')[0]}`, { hint: 'Fix the syntax of the config file.', cause: error, code: 'config.syntax' });
  }
  if (!result) throw noConfig(from);
  if (result.isEmpty) throw new BbError('config', `The config file ${result.filepath} is empty.`, { hint: 'Run "bb init" to create bb.config.yaml, or pass --config <file>.', code: 'config.missing' });
  return { file: result.filepath, raw: result.config, lineOf: lineMaps.get(result.filepath) ?? (() => undefined) };
}

/**
 * The folder whose bb config is used from `from` (the current folder, or a linted file's folder): the
 * nearest one from `from` upwards that holds a config (holdsConfig), as git, npm and ESLint find
 * theirs. The search stops at the root of the git work tree holding `from` (the first folder with a
 * `.git` folder or file, itself still searched), or at the file system's root outside a work tree: a
 * config above a repository belongs to another project, and bb writes to the databases it names.
 * Undefined when no folder up to there has one. `loadConfig({ cwd: folder })` reads it.
 */
export function findConfigFolder(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (holdsConfig(dir)) return dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether `dir` holds a bb config: a file of SEARCH_PLACES; a package.json only with a "bb" key, as
 * cosmiconfig reads it (one that is not valid JSON counts when its text has a "bb" key, so that its
 * syntax error is reported rather than "no config found").
 */
function holdsConfig(dir: string): boolean {
  return SEARCH_PLACES.some((place) => {
    const path = join(dir, place);
    if (place !== 'package.json') return existsSync(path);
    if (!existsSync(path)) return false;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
      const pkg = JSON.parse(text) as unknown;
      return pkg !== null && typeof pkg === 'object' && MODULE in pkg;
    } catch {
      return /"bb"\s*:/.test(text);
    }
  });
}

/** The folders searched, for the message when none holds a config. */
function searchedFolders(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir === resolve(from) ? `in ${dir} (the root of its git work tree)` : `in ${resolve(from)} or the folders above it up to the git work tree's root ${dir}`;
    if (dirname(dir) === dir) return `in ${resolve(from)} or the folders above it`;
  }
}

const noConfig = (from: string): BbError => new BbError('config', `No bb config found ${searchedFolders(from)} (looked for ${SEARCH_PLACES.slice(0, 3).join(', ')}, .bbrc* and package.json#bb).`, {
  hint: 'Run "bb init" to create bb.config.yaml, or pass --config <file>.',
  code: 'config.missing',
});

/**
 * False only when cosmiconfig's search (as findAndRead sets it up, after findConfigFolder found no
 * folder) is sure to find nothing: none of cosmiconfig's own meta config places in the current folder
 * (a package.json "cosmiconfig" key, package.yaml, .config/) and no global bb config folder. A command
 * outside any project then skips loading cosmiconfig (~20 ms). Anything unclear answers true and
 * leaves the decision to cosmiconfig.
 */
function mayHoldGlobalConfig(): boolean {
  const meta = process.cwd();
  const metaPackage = join(meta, 'package.json');
  if (existsSync(metaPackage)) {
    try {
      const pkg = JSON.parse(readFileSync(metaPackage, 'utf8')) as Record<string, unknown> | null;
      if (pkg === null || typeof pkg !== 'object' || 'cosmiconfig' in pkg) return true;
    } catch {
      return true;
    }
  }
  if (existsSync(join(meta, 'package.yaml')) || existsSync(join(meta, '.config'))) return true;
  const home = homedir();
  const globalDirs = [
    join(process.env.XDG_CONFIG_HOME || join(home, '.config'), MODULE),
    join(home, 'Library', 'Preferences', MODULE),
    join(process.env.APPDATA || join(home, 'AppData', 'Roaming'), MODULE),
  ];
  return globalDirs.some((dir) => existsSync(dir));
}
