import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CommandContext, CommandOutput, GlobalOptions } from '../context.js';
import { BbError } from '../../errors.js';
import { openConfig } from '../../config/load.js';
import { selectDatabases } from '../../config/targets.js';
import { readMigrationDir } from '../../migrations/dir.js';

export interface NewOptions extends GlobalOptions {
  readonly db?: string; readonly flyway?: boolean; readonly timestamp?: boolean; readonly down?: boolean; readonly args: readonly string[];
}

const MAX_NAME = 120;

/** Creates the next migration file, following the folder's existing naming (width, Flyway, timestamps, golang-migrate's .up.sql, dbmate's sections). */
export default async function newMigration(options: NewOptions, context: CommandContext): Promise<CommandOutput> {
  // Accents are dropped rather than the letters that carry them ("Námé" → name, not n_m).
  const name = (options.args[0] ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!name) throw new BbError('usage', 'Give the migration a name, e.g. bb new add_users_email.', { hint: 'Letters, digits and underscores.' });
  // File names stop at 255 bytes on most file systems; the version and ".down.sql" need room too.
  if (name.length > MAX_NAME) throw new BbError('usage', `The migration name is ${name.length} characters long; bb new takes at most ${MAX_NAME}.`, { hint: 'Name what the migration does in a few words, e.g. add_users_email.', code: 'usage.name-too-long' });
  const config = await openConfig(options, context.cwd);
  const dbs = selectDatabases(config, options.db);
  if (dbs.length > 1) throw new BbError('usage', `Which database? The config defines ${dbs.map((d) => d.name).join(', ')}.`, { hint: `Pass --db ${dbs[0]!.name}.` });
  const db = dbs[0]!;
  await mkdir(db.migrations, { recursive: true });
  const dir = await readMigrationDir({ database: db.name, engine: db.engine, path: db.migrations, projectRoot: config.dir });
  const versioned = dir.files.filter((f) => f.version);
  const last = versioned[versioned.length - 1];
  const flyway = options.flyway ?? (last ? /(^|\/)V[^/]*__/.test(last.path) : false);
  const stamp = options.timestamp ?? (last ? /^\d{12,}$/.test(last.key) : false);
  let version: string;
  if (stamp) {
    version = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    if (last && version <= last.key) version = (BigInt(last.key) + 1n).toString();
  } else if (last) {
    const parts = last.key.split(/([._-])/);
    const tail = parts[parts.length - 1]!;
    parts[parts.length - 1] = String(BigInt(tail) + 1n).padStart(tail.length, '0');
    version = parts.join('');
  } else {
    version = flyway ? '1' : '0001';
  }
  // golang-migrate names its up files *.up.sql; dbmate keeps up and down as sections of one file.
  const upSuffix = !flyway && last && /\.up\.sql$/i.test(last.path);
  const dbmate = !flyway && last?.down?.path.endsWith('#migrate:down') === true;
  const fileName = flyway ? `V${version}__${name}.sql` : `${version}_${name}${upSuffix ? '.up' : ''}.sql`;
  const path = join(db.migrations, fileName);
  if (existsSync(path)) throw new BbError('usage', `${relative(config.dir, path)} already exists.`, { hint: 'Choose another name.' });
  const words = name.replace(/_/g, ' ');
  await writeFile(path, dbmate ? `-- migrate:up\n-- ${words}\n\n-- migrate:down\n-- reverse of ${words}\n` : `-- ${words}\n`);
  const created = [relative(config.dir, path)];
  if (options.down && !dbmate) {
    const downPath = join(db.migrations, flyway ? `U${version}__${name}.sql` : `${version}_${name}.down.sql`);
    await writeFile(downPath, `-- reverse of ${words}\n`);
    created.push(relative(config.dir, downPath));
  }
  return { kind: 'message', data: { text: `Created ${created.join(' and ')}`, created, version }, exitCode: 0 };
}
