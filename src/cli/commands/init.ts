import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { BbError } from '../../errors.js';
import { ENGINE_NAMES, type EngineName } from '../../migrations/model.js';
import { didYouMean } from '../../util/closest.js';
import { findConfigFolder } from '../../config/load.js';

export interface InitOptions extends GlobalOptions { readonly engine?: string; readonly db?: string; readonly force?: boolean; readonly demo?: boolean }

const DEV_URL: Record<EngineName, string> = {
  postgres: 'pglite://.bb/dev/{db}',
  mysql: '${DEV_{DB}_URL:-mysql://root@127.0.0.1:3306/{db}_dev}',
  tidb: '${DEV_{DB}_URL:-mysql://root@127.0.0.1:4000/{db}_dev}',
  clickhouse: 'chdb://.bb/dev/{db}',
  snowflake: '${DEV_{DB}_URL}',
};

/** Writes bb.config.yaml (dev on the embedded engine where one exists) and the migrations folder. */
export default async function init(options: InitOptions, context: CommandContext): Promise<CommandOutput> {
  if (options.demo) return (await import('./init-demo.js')).default(options, context);
  const engine = (options.engine ?? 'postgres') as EngineName;
  if (!ENGINE_NAMES.includes(engine)) throw new BbError('usage', `Unknown engine "${options.engine}"${didYouMean(engine, ENGINE_NAMES)}.`, { hint: `Engines: ${ENGINE_NAMES.join(', ')}.` });
  const db = options.db ?? 'app';
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(db)) throw new BbError('usage', `"${db}" is not a valid database name.`, { hint: 'Use letters, digits, _ and -, starting with a letter.' });
  const file = join(context.cwd, 'bb.config.yaml');
  if (existsSync(file) && !options.force) {
    throw new BbError('usage', `bb.config.yaml already exists in ${context.cwd}.`, { hint: 'Edit it, or pass --force to overwrite it.', code: 'usage.exists' });
  }
  const upper = db.toUpperCase().replace(/-/g, '_');
  const dev = DEV_URL[engine].replaceAll('{db}', db).replaceAll('{DB}', upper);
  const config = `# yaml-language-server: $schema=./node_modules/bb/bb.config.schema.json
# bb configuration: see bb.config.example.yaml in the bb package for every key.
databases:
  ${db}: { engine: ${engine}, migrations: migrations/${db} }

environments:            # promotion order: dev → staging → prod
  - name: dev
    targets:
      ${db}: ${dev}
  # - name: staging
  #   targets:
  #     ${db}: \${STAGING_${upper}_URL}
  # - name: prod
  #   protected: true      # needs --yes
  #   targets:
  #     ${db}: \${PROD_${upper}_URL}

rules:
  preset: recommended
`;
  await writeFile(file, config);
  // Commands find the nearest config upwards: from here on they use this one, not the enclosing project's.
  const enclosing = findConfigFolder(dirname(context.cwd));
  if (enclosing) context.notice(`note: this folder is inside the bb project at ${relative(context.cwd, enclosing) || '.'}; bb commands run here and below now use the new bb.config.yaml instead of that project's config (pass --config to use the other).`);
  const folder = join(context.cwd, 'migrations', db);
  await mkdir(folder, { recursive: true });
  const created = ['bb.config.yaml', `migrations/${db}/`];
  // Every engine, not only the embedded ones: .bb/ also holds the audit log, backups and the lint cache.
  const gitignore = join(context.cwd, '.gitignore');
  const ignored = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : '';
  if (!/^\.bb\/?$/m.test(ignored)) {
    await appendFile(gitignore, `${ignored && !ignored.endsWith('\n') ? '\n' : ''}.bb/\n`);
    created.push('.gitignore (.bb/)');
  }
  const text = `Created ${created.join(', ')}.\nNext: bb new --db ${db} create_first_table, edit the file, then bb migrate --env dev.`;
  return { kind: 'message', data: { text, created }, exitCode: 0 };
}
