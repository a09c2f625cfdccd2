/**
 * commander wiring only: flags, and for each command a lazy import of its module. A command module's
 * default export takes (options, context) and returns a CommandOutput (data + exit code); rendering
 * happens in src/output, exiting in main.ts.
 */
import { Command, Option } from 'commander';
import type { CommandContext, CommandOutput, GlobalOptions } from './context.js';
import { BB_VERSION } from '../version.js';
import { jsonWanted } from '../output/print.js';

type Loader = () => Promise<{ default: (options: never, context: CommandContext) => Promise<CommandOutput> }>;

/** The program; given `argv` (process.argv) that names a command, with that command only. */
export function buildProgram(signal: AbortSignal, argv?: readonly string[]): { program: Command; state: { exitCode: number } } {
  const state = { exitCode: 0 };
  const program = new Command('bb')
    .description('Database schema changes for teams: versioned SQL migrations, lint, plan and promotion from dev to prod.')
    .version(BB_VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    // Program-level options are read before the command's name only, the command's own after it.
    .enablePositionalOptions()
    .exitOverride()
    // Under --format json, main.ts reports commander's errors as JSON instead.
    .configureOutput({ outputError: (text, write) => (jsonWanted() ? undefined : write(text)) });
  // The common flags may also come before the command (bb --env dev status); `action` merges them.
  // --format's choices depend on the command: checked there.
  program
    .option('-c, --config <file>', 'config file (default: the nearest bb config from the current folder upwards)')
    .option('-e, --env <name>', 'environment')
    .option('-f, --format <format>', "output format (the command's --help lists its formats)")
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('-q, --quiet', 'only errors and the result');

  const action = (load: Loader) => async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const raw = withCommonBefore(command);
    const globals = globalOptions(raw);
    const { createContext } = await import('./run-context.js');
    const context = createContext(globals, signal);
    const mod = await load();
    const output = await mod.default({ ...raw, ...globals, args: positional } as never, context);
    const { render } = await import('../output/render.js');
    await render(output, globals);
    state.exitCode = output.exitCode;
  };

  const withCommon = (cmd: Command, formats: readonly string[] = ['pretty', 'json']): Command =>
    cmd
      .option('-c, --config <file>', 'config file (default: the nearest bb config from the current folder upwards)')
      .option('-e, --env <name>', 'environment')
      .addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default('pretty'))
      .option('--no-color', 'no colours (also NO_COLOR=1)')
      .option('-q, --quiet', 'only errors and the result');

  // Each command is set up under its name, the key (the loop below creates it). A run that names one
  // (bb backup …) builds only that one: setting up every command's options costs a few ms of each
  // start. Help, an unknown name (its suggestion needs every name) and no command build them all.
  const commands: Record<string, (command: Command) => unknown> = {
    init: (command) => withCommon(command.description('create bb.config.yaml and a migrations folder (dev on PGlite or chdb where the engine has one)'))
      .option('--engine <engine>', 'engine of the first database', 'postgres')
      .option('--db <name>', 'name of the first database', 'app')
      .option('--force', 'overwrite an existing config')
      .option('--demo', 'a ready sample project: three environments on PGlite, a dozen migrations, one pending change')
      .action(action(() => import('./commands/init.js'))),
    new: (command) => withCommon(command.description('create the next migration file').argument('<name>', 'what the migration does, e.g. add_users_email'))
      .option('--db <name>', 'database (when the config has several)')
      .option('--flyway', 'name it V<n>__<name>.sql')
      .option('--timestamp', 'use a UTC timestamp as the version')
      .option('--down', 'also create a .down.sql file')
      .action(action(() => import('./commands/new.js'))),
    plan: (command) => withCommon(command.description('show what migrate would do on an environment (never writes)'))
      .option('--db <name>', 'only this database')
      .option('--to <version>', 'stop at this version')
      .option('--allow-out-of-order', 'apply pending versions below the highest applied one')
      .action(action(() => import('./commands/plan.js'))),
    migrate: (command) => withCommon(command.description('apply pending migrations to an environment'))
      .option('--db <name>', 'only this database')
      .option('--to <version>', 'stop at this version')
      .option('--dry-run', 'show the plan and write nothing')
      .option('-y, --yes', 'confirm changes to a protected environment')
      .option('--lock-timeout <seconds>', 'how long to wait for another runner', '60')
      .option('--allow-out-of-order', 'apply pending versions below the highest applied one')
      .option('--readonly', 'refuse every write (same as readonly: true on the environment)')
      .option('--only <patterns>', 'group members to migrate: comma-separated names, globs (*, ?) or /regex/')
      .option('--exclude <patterns>', 'group members to leave out (same patterns as --only)')
      .action(action(() => import('./commands/migrate.js'))),
    status: (command) => withCommon(command.description('every version × every environment and target'))
      .option('--db <name>', 'only this database')
      .option('--expand', 'list every member of group targets')
      .action(action(() => import('./commands/status.js'))),
    drift: (command) => withCommon(command.description("compare each target's live schema with the snapshot taken after its last migration"))
      .option('--db <name>', 'only this database')
      .action(action(() => import('./commands/drift.js'))),
    dump: (command) => withCommon(command.description('write the canonical schema as SQL, one file per database'))
      .option('--db <name>', 'only this database')
      .option('--out <dir>', 'write <dir>/<database>.sql (default: print; with --check/--replay: schema/)')
      .option('--check', 'replay the migrations on the embedded engine and fail when the committed file differs')
      .option('--replay', 'replay the migrations on the embedded engine and write the result')
      .action(action(() => import('./commands/dump.js'))),
    diff: (command) => withCommon(command.description("compare two environments' live schemas object by object"))
      .option('--db <name>', 'only this database')
      .requiredOption('--from <env>', 'environment on the left')
      .requiredOption('--to <env>', 'environment on the right')
      .action(action(() => import('./commands/diff.js'))),
    history: (command) => withCommon(command.description('the history table of an environment, newest first'))
      .option('--db <name>', 'only this database')
      .option('--limit <n>', 'rows to show', '50')
      .action(action(() => import('./commands/history.js'))),
    baseline: (command) => withCommon(command.description('record that an existing database is at a version (no SQL runs)'))
      .requiredOption('--version <version>', 'versions up to this one count as applied')
      .option('--db <name>', 'only this database')
      .option('-y, --yes', 'confirm on a protected environment')
      .action(action(() => import('./commands/baseline.js'))),
    repair: (command) => withCommon(command.description('resolve failed or interrupted migrations recorded in the history'))
      .option('--db <name>', 'only this database')
      .option('--version <version>', 'only this version')
      .option('--retry', 'resume at the failed statement on the next migrate')
      .option('--mark-done', 'the change was finished by hand: record it as done')
      .option('--forget', 'remove the record (the change was undone by hand)')
      .option('--accept-checksums', 'record the current checksum of edited, applied files')
      .option('-y, --yes', 'confirm on a protected environment')
      .action(action(() => import('./commands/repair.js'))),
    rollback: (command) => withCommon(command.description('run the down migrations of the latest applied versions'))
      .option('--db <name>', 'only this database')
      .option('--to <version>', 'roll back every version above this one')
      .option('--steps <n>', 'number of versions to roll back (default 1)')
      .option('--data <version>', 'instead: put back the rows this version\'s UPDATE/DELETE changed (prior backup)')
      .option('--dry-run', 'show what would run')
      .option('-y, --yes', 'confirm on a protected environment')
      .option('--lock-timeout <seconds>', 'how long to wait for another runner', '60')
      .action(action(() => import('./commands/rollback.js'))),
    unlock: (command) => withCommon(command.description('release a migration lock left by a runner that died'))
      .option('--db <name>', 'only this database')
      .action(action(() => import('./commands/unlock.js'))),
    doctor: (command) => withCommon(command.description('check the config and connect to every target'))
      .action(action(() => import('./commands/doctor.js'))),
    review: (command) => withCommon(command.description("a pull request's migrations: edited-after-apply check, lint per environment, plan per target"), ['pretty', 'json', 'markdown'])
      .option('--base <ref>', 'git ref to compare with (default: GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME, else the default branch)')
      .option('--db <name>', 'only this database')
      .addOption(new Option('--post <forge>', 'create or update one comment on the pull/merge request').choices(['github', 'gitlab']))
      .action(action(() => import('./commands/review.js'))),
    rollout: (command) => withCommon(command.description('migrate every environment in promotion order, each after the previous one succeeded'))
      .option('--to <env>', 'last environment to reach (default: the last one)')
      .option('--db <name>', 'only this database')
      .option('-y, --yes', 'confirm changes to protected environments')
      .option('--lock-timeout <seconds>', 'how long to wait for another runner', '60')
      .option('--allow-out-of-order', 'apply pending versions below the highest applied one')
      .action(action(() => import('./commands/rollout.js'))),
    report: (command) => withCommon(command.description('a self-contained HTML page (or markdown) of where every version stands'), ['pretty', 'json', 'markdown', 'html'])
      .option('-o, --out <file>', 'write the document here (default: report.html; markdown, html and json go to stdout without it)')
      .option('--db <name>', 'only this database')
      .option('--no-lint', 'do not lint pending files')
      .option('--no-drift', 'do not compare live schemas with their snapshots')
      .action(action(() => import('./commands/report.js'))),
    query: (command) => command.description('run one read-only query (masked, audited); rows stream to stdout')
      .argument('[sql]', 'the query (or --file, or stdin)')
      .option('-c, --config <file>', 'config file (default: the nearest bb config from the current folder upwards)')
      .option('-e, --env <name>', 'environment')
      .option('--db <name>', 'database (when the config has several)')
      .option('--member <name>', 'member of a group target')
      .option('-f, --file <file>', 'read the query from a file (- for stdin)')
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'ndjson']).default('table'))
      .option('--limit <n>', 'rows at most (default 1000 for table, all for other formats; 0 = all)')
      .option('--timeout <seconds>', 'statement timeout, cancelled on the server', '30')
      .option('--unmask', 'show masked columns (only where the config grants it)')
      .option('--no-color', 'no colours (also NO_COLOR=1)')
      .option('-q, --quiet', 'only errors and the result')
      .action(action(() => import('./commands/query.js'))),
    backup: (command) => withCommon(command.description('back up every target of an environment with the engine\'s own tool, plus a manifest'))
      .option('--db <name>', 'only this database')
      .option('--out <dir>', 'folder for the backup files (default: backups.dir, .bb/backups)')
      .action(action(() => import('./commands/backup.js'))),
    backups: (command) => withCommon(command.description('list backups, newest first'))
      .option('--db <name>', 'only this database')
      .option('--dir <dir>', 'backup folder (default: backups.dir, .bb/backups)')
      .action(action(() => import('./commands/backups.js'))),
    restore: (command) => withCommon(command.description('restore a backup into a new database (or over the target with --replace)'))
      .requiredOption('--from <backup>', 'backup id (bb backups), manifest or backup file')
      .option('--db <name>', 'database (default: the backup\'s)')
      .option('--into <name>', 'name of the new database (default: <db>_restored_<time>)')
      .option('--replace', 'restore over the target itself')
      .option('-y, --yes', 'confirm --replace on a protected environment')
      .action(action(() => import('./commands/restore.js'))),
    lint: (command) => withCommon(command.description('review migrations with the SQL rules (default: those not applied anywhere yet)').argument('[files...]', 'migration files (as a pre-commit hook passes them)'), ['pretty', 'json', 'sarif', 'github', 'junit', 'gitlab'])
      .option('--all', 'lint every migration, applied or not')
      .option('--engine <engine>', 'engine of files outside the configured migrations folders (default postgres)')
      .option('--no-cache', 'replay every earlier migration, not starting from the schema kept in .bb/cache')
      .action(action(() => import('./commands/lint.js'))),
    rules: (command) => withCommon(command.description('list the lint rules, or explain one').argument('[id]', 'a rule id, e.g. index.create-concurrently'))
      .option('--engine <engine>', 'only rules for this engine')
      .action(action(() => import('./commands/rules.js'))),
  };
  const named = argv ? commandName(argv.slice(2)) : undefined;
  const only = named !== undefined && Object.hasOwn(commands, named) ? named : undefined;
  for (const [name, add] of Object.entries(commands)) if (only === undefined || name === only) add(program.command(name));

  return { program, state };
}

const COMMON = ['config', 'env', 'format', 'color', 'quiet'] as const;
/** Program-level flags that take a value (as written before the command), for commandName. */
const VALUE_FLAGS = new Set(['-c', '--config', '-e', '--env', '-f', '--format']);

/**
 * The command's options, with the common flags given before its name (bb --env dev status) where the
 * same flag is not also given after it: the one after wins, as a flag given twice after the command
 * does (the last one). A --format before the name is checked against the command's own formats.
 */
function withCommonBefore(command: Command): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...command.opts() };
  const program = command.parent;
  if (!program) return merged;
  for (const key of COMMON) {
    if (command.getOptionValueSource(key) === 'cli' || program.getOptionValueSource(key) !== 'cli') continue;
    const value: unknown = program.getOptionValue(key);
    const choices = key === 'format' ? command.options.find((o) => o.long === '--format')?.argChoices : undefined;
    if (choices && !choices.includes(String(value))) {
      command.error(`error: option '--format <format>' (before the command) argument '${String(value)}' is invalid. Allowed choices for bb ${command.name()} are ${choices.join(', ')}.`, { code: 'commander.invalidArgument' });
    }
    merged[key] = value;
  }
  return merged;
}

/**
 * The command a command line names (`args` without node and the script): its first word that is not a
 * program-level flag nor such a flag's value (`--env dev status` → status). Undefined when there is none
 * or when the program's --help or --version comes first.
 */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (['-h', '--help', '-v', '--version'].includes(arg)) return undefined; // the program's help lists every command
    // --env dev, -e dev, and a group of short flags ending in one that takes a value (-qe dev);
    // --env=dev and -edev carry their value.
    const flag = arg.startsWith('--') ? arg : `-${arg.slice(-1)}`;
    if (VALUE_FLAGS.has(flag) && !arg.includes('=')) i++;
  }
  return undefined;
}

function globalOptions(raw: Record<string, unknown>): GlobalOptions {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    ...(typeof raw.config === 'string' ? { config: raw.config } : {}),
    ...(typeof raw.env === 'string' ? { env: raw.env } : {}),
    format: (raw.format as GlobalOptions['format']) ?? 'pretty',
    color: raw.color !== false && !noColor,
    quiet: raw.quiet === true,
  };
}
