/**
 * `bb init --demo`: a ready sample project that needs no server. Three environments on the embedded
 * engine (pglite://.bb/<env>/app, prod protected), twelve migrations of a small shop, the first eleven
 * already rolled out everywhere, the twelfth pending (it carries one lint warning on purpose). When
 * git is available and the folder is not inside a repository yet, it also makes one: `main` holds the
 * rolled-out state and the branch `add-shipments-index` adds the pending migration, so `bb review`
 * has a pull request to look at; each commit carries its schema dump (schema/app.sql, `bb dump
 * --replay`), so the review shows the schema diff too.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandContext, CommandOutput } from '../context.js';
import { BbError } from '../../errors.js';
import type { InitOptions } from './init.js';

export const DEMO_CONFIG = `# bb demo project (bb init --demo): three environments on the embedded PGlite engine.
# yaml-language-server: $schema=./node_modules/bb/bb.config.schema.json
databases:
  app: { engine: postgres, migrations: migrations/app }

environments:              # promotion order: dev → staging → prod
  - name: dev
    targets:
      app: pglite://.bb/dev/app
  - name: staging
    targets:
      app: pglite://.bb/staging/app
  - name: prod
    protected: true        # bb migrate --env prod needs --yes
    targets:
      app: pglite://.bb/prod/app

rules:
  preset: recommended
`;

/** The demo's migrations, in order. The last one is the pending change; its plain CREATE INDEX earns a warning. */
export const DEMO_MIGRATIONS: readonly (readonly [string, string])[] = [
  ['0001_create_customers.sql', `CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`],
  ['0002_create_products.sql', `CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0)
);
`],
  ['0003_create_orders.sql', `CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
`],
  ['0004_create_order_items.sql', `CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id),
  product_id bigint NOT NULL REFERENCES products (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);
`],
  ['0005_add_customers_email_index.sql', `-- CONCURRENTLY cannot run in a transaction: bb sees it and runs this file statement by statement.
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email);
`],
  ['0006_create_payments.sql', `CREATE TABLE payments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  amount_cents integer NOT NULL,
  paid_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_order_id_idx ON payments (order_id);
`],
  ['0007_add_products_sku.sql', `ALTER TABLE products ADD COLUMN sku text;
`],
  ['0008_create_shipments.sql', `CREATE TABLE shipments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  carrier text NOT NULL,
  tracking_number text
);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);
`],
  ['0009_add_orders_status.sql', `ALTER TABLE orders ADD COLUMN status text;
`],
  ['0010_create_audit_log.sql', `CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL
);
`],
  ['0011_add_customers_phone.sql', `ALTER TABLE customers ADD COLUMN phone text;
`],
  ['0012_add_shipments_tracking_index.sql', `-- The pending change. A plain CREATE INDEX blocks writes to shipments while it builds:
-- bb lint warns (index.create-concurrently). Try bb review, then fix it with CONCURRENTLY.
CREATE INDEX shipments_tracking_number_idx ON shipments (tracking_number);
`],
];

export const DEMO_BRANCH = 'add-shipments-index';

export default async function initDemo(options: InitOptions, context: CommandContext): Promise<CommandOutput> {
  // Checked before anything is written: the demo's files, config and git history are one fixed shop
  // on PostgreSQL/PGlite with a database named app, and a refusal halfway left a project that a
  // re-run would not overwrite. (--engine postgres and --db app are the defaults, so they pass.)
  if (options.engine !== undefined && options.engine !== 'postgres') {
    throw new BbError('usage', `bb init --demo is PostgreSQL only (on embedded PGlite); it takes no --engine ${options.engine}.`, { hint: `Leave out --engine, or run bb init --engine ${options.engine} (without --demo) for an empty project.`, code: 'usage.demo-options' });
  }
  if (options.db !== undefined && options.db !== 'app') {
    throw new BbError('usage', `bb init --demo always names its database app; it takes no --db ${options.db}.`, { hint: `Leave out --db, or run bb init --db ${options.db} (without --demo) for an empty project.`, code: 'usage.demo-options' });
  }
  const root = context.cwd;
  const configFile = join(root, 'bb.config.yaml');
  if (existsSync(configFile) && !options.force) {
    throw new BbError('usage', `bb.config.yaml already exists in ${root}.`, { hint: 'Run bb init --demo in an empty folder (or pass --force to overwrite).', code: 'usage.exists' });
  }
  const folder = join(root, 'migrations', 'app');
  await mkdir(folder, { recursive: true });
  const existing = (await readdir(folder)).filter((f) => f.endsWith('.sql'));
  if (existing.length > 0 && !options.force) {
    throw new BbError('usage', `migrations/app already holds ${existing.length} migration file${existing.length === 1 ? '' : 's'}.`, { hint: 'Run bb init --demo in an empty folder.', code: 'usage.exists' });
  }
  await writeFile(configFile, DEMO_CONFIG);
  const gitignore = join(root, '.gitignore');
  const ignored = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : '';
  if (!/^\.bb\/?$/m.test(ignored)) await appendFile(gitignore, `${ignored && !ignored.endsWith('\n') ? '\n' : ''}.bb/\nreport.html\n`);
  const applied = DEMO_MIGRATIONS.slice(0, -1);
  const [pendingName, pendingSql] = DEMO_MIGRATIONS[DEMO_MIGRATIONS.length - 1]!;
  for (const [name, sql] of applied) await writeFile(join(folder, name), sql);

  // Git first (the pending file is not on main), then roll out the eleven everywhere. Each commit
  // carries the schema dump of its migrations (bb dump --replay), so bb review shows the schema diff.
  const dumpSchema = async (): Promise<boolean> => {
    try {
      const { default: dump } = await import('./dump.js');
      const out = await dump({ ...options, db: 'app', replay: true, format: 'json', quiet: true }, context);
      return out.exitCode === 0;
    } catch {
      return false; // the demo works without it; review then says the schema diff was skipped
    }
  };
  const git = await makeRepository(root, async () => writeFile(join(folder, pendingName), pendingSql), dumpSchema);
  if (!existsSync(join(folder, pendingName))) await writeFile(join(folder, pendingName), pendingSql);

  const { default: migrate } = await import('./migrate.js');
  const lastApplied = applied[applied.length - 1]![0].split('_')[0]!;
  for (const env of ['dev', 'staging', 'prod']) {
    context.progress(`Applying 0001–${lastApplied} to ${env} (embedded PGlite in .bb/${env}/app)…`);
    const out = await migrate({ ...options, env, to: lastApplied, yes: true, quiet: true, format: 'json' }, context);
    if (out.exitCode !== 0) {
      throw new BbError('apply', `The demo could not apply its migrations to ${env}.`, { hint: `Run bb migrate --env ${env} --to ${lastApplied} to see why.` });
    }
  }
  const lines = [
    `Created a demo project in ${root}:`,
    '  bb.config.yaml       dev → staging → prod (protected), all on embedded PGlite under .bb/',
    `  migrations/app/      ${DEMO_MIGRATIONS.length} migrations; 0001–${lastApplied} applied everywhere, ${pendingName} pending`,
    git.made ? `  git repository       main = what is rolled out, branch ${DEMO_BRANCH} (checked out) adds ${pendingName}` : `  git                  ${git.reason}`,
    ...(git.made && existsSync(join(root, 'schema', 'app.sql')) ? ['  schema/app.sql       the schema as the migrations build it (bb dump --replay), on each commit'] : []),
    '',
    'Try:',
    '  bb status                 where every version stands',
    ...(git.made ? ['  bb review --base main     the pending change as a pull request review (one lint warning)'] : []),
    '  bb migrate --env dev      apply the pending change to dev',
    '  bb rollout --to staging   promote it: dev, then staging',
    '  bb report                 write report.html and open it in a browser',
  ];
  return { kind: 'message', data: { text: lines.join('\n'), created: ['bb.config.yaml', 'migrations/app/', ...(git.made ? ['.git'] : [])] }, exitCode: 0 };
}

/** git init + a main commit without the pending file + a branch that adds it. Skipped (with the reason) when not possible. */
async function makeRepository(root: string, addPending: () => Promise<void>, dumpSchema: () => Promise<boolean>): Promise<{ made: boolean; reason?: string }> {
  const run = (args: string[]): Promise<string> => new Promise((resolve, reject) => {
    execFile('git', args, { cwd: root, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
  try {
    await run(['--version']);
  } catch {
    await addPending();
    return { made: false, reason: 'not installed: bb review needs git, the rest works without it' };
  }
  try {
    await run(['rev-parse', '--is-inside-work-tree']);
    await addPending();
    return { made: false, reason: 'already inside a git repository: left as it is (commit the files yourself)' };
  } catch {
    /* not a repository yet: make one */
  }
  const identity = ['-c', 'user.name=bb demo', '-c', 'user.email=demo@bb.invalid', '-c', 'commit.gpgsign=false'];
  try {
    await run(['init', '--quiet', '--initial-branch=main']);
    const dumped = await dumpSchema();
    await run(['add', 'bb.config.yaml', '.gitignore', 'migrations', ...(dumped ? ['schema'] : [])]);
    await run([...identity, 'commit', '--quiet', '-m', 'bb demo: shop schema (0001–0011)']);
    await run(['checkout', '--quiet', '-b', DEMO_BRANCH]);
    await addPending();
    if (dumped) await dumpSchema();
    await run(['add', 'migrations', ...(dumped ? ['schema'] : [])]);
    await run([...identity, 'commit', '--quiet', '-m', 'Add an index on shipments.tracking_number']);
    return { made: true };
  } catch (error) {
    return { made: false, reason: `could not create a repository (${(error as Error).message.split('\n')[0]})` };
  }
}
