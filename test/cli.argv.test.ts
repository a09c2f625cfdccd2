/** argv → options for each command, with the command modules mocked (no database, no output). */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { command: string; options: Record<string, unknown> }[] = [];
const fake = (command: string) => ({
  default: vi.fn(async (options: Record<string, unknown>) => {
    calls.push({ command, options });
    return { kind: 'message', data: { text: '' }, exitCode: 0 };
  }),
});
vi.mock('../src/cli/commands/migrate.js', () => fake('migrate'));
vi.mock('../src/cli/commands/plan.js', () => fake('plan'));
vi.mock('../src/cli/commands/repair.js', () => fake('repair'));
vi.mock('../src/cli/commands/rollback.js', () => fake('rollback'));
vi.mock('../src/cli/commands/new.js', () => fake('new'));
vi.mock('../src/cli/commands/status.js', () => fake('status'));
vi.mock('../src/cli/commands/review.js', () => fake('review'));
vi.mock('../src/cli/commands/rollout.js', () => fake('rollout'));
vi.mock('../src/cli/commands/report.js', () => fake('report'));
vi.mock('../src/cli/commands/init.js', () => fake('init'));
vi.mock('../src/cli/commands/history.js', () => fake('history'));
vi.mock('../src/cli/commands/lint.js', () => fake('lint'));
vi.mock('../src/cli/commands/query.js', () => fake('query'));
vi.mock('../src/output/render.js', () => ({ render: vi.fn(async () => undefined) }));

const { buildProgram } = await import('../src/cli/program.js');

async function parse(argv: string[]): Promise<{ command: string; options: Record<string, unknown> }> {
  calls.length = 0;
  // As main.ts builds it: with argv, so with the named command only.
  const { program } = buildProgram(new AbortController().signal, ['node', 'bb', ...argv]);
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.commands.forEach((c) => c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined }));
  await program.parseAsync(['node', 'bb', ...argv]);
  return calls[0]!;
}

beforeEach(() => {
  delete process.env.NO_COLOR;
});

describe('bb argv → options', () => {
  it.each([
    [['migrate', '--env', 'prod', '--yes', '--lock-timeout', '5', '--to', '0042'], 'migrate', { env: 'prod', yes: true, lockTimeout: '5', to: '0042', format: 'pretty', color: true, quiet: false }],
    [['migrate', '-e', 'dev', '--dry-run', '--allow-out-of-order', '-f', 'json', '-q'], 'migrate', { env: 'dev', dryRun: true, allowOutOfOrder: true, format: 'json', quiet: true }],
    [['plan', '--env', 'staging', '--db', 'app', '--config', 'x.yaml', '--no-color'], 'plan', { env: 'staging', db: 'app', config: 'x.yaml', color: false }],
    [['repair', '--env', 'prod', '--version', '0004', '--retry'], 'repair', { env: 'prod', version: '0004', retry: true }],
    [['rollback', '--env', 'dev', '--steps', '2'], 'rollback', { env: 'dev', steps: '2' }],
    [['new', 'add users email', '--down'], 'new', { args: ['add users email'], down: true }],
    [['status'], 'status', { format: 'pretty' }],
    [['review'], 'review', { format: 'pretty' }],
    [['review', '--base', 'origin/main', '--format', 'markdown', '--post', 'github', '--db', 'app'], 'review', { base: 'origin/main', format: 'markdown', post: 'github', db: 'app' }],
    [['review', '-f', 'json', '--post', 'gitlab'], 'review', { format: 'json', post: 'gitlab' }],
    [['rollout'], 'rollout', { lockTimeout: '60' }],
    [['rollout', '--to', 'staging', '--yes', '--env', 'dev', '--lock-timeout', '5'], 'rollout', { to: 'staging', yes: true, env: 'dev', lockTimeout: '5' }],
    [['report'], 'report', { format: 'pretty', lint: true, drift: true }],
    [['report', '--out', 'r.html', '--no-lint', '--no-drift', '--env', 'prod'], 'report', { out: 'r.html', lint: false, drift: false, env: 'prod' }],
    [['report', '-f', 'markdown'], 'report', { format: 'markdown' }],
    [['report', '--format', 'html', '-o', 'x.html'], 'report', { format: 'html', out: 'x.html' }],
    [['init', '--demo'], 'init', { demo: true }],
  ])('%j', async (argv, command, expected) => {
    const call = await parse(argv);
    expect(call.command).toBe(command);
    expect(call.options).toMatchObject(expected);
  });

  it('NO_COLOR turns colour off', async () => {
    process.env.NO_COLOR = '1';
    expect((await parse(['status'])).options.color).toBe(false);
  });

  it('rejects unknown options and formats', async () => {
    await expect(parse(['migrate', '--envv', 'x'])).rejects.toMatchObject({ code: 'commander.unknownOption' });
    await expect(parse(['migrate', '--format', 'xml'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['review', '--post', 'bitbucket'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['review', '--format', 'sarif'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['rollout', '--format', 'markdown'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});

describe('common flags before the command', () => {
  it.each([
    [['--env', 'dev', 'status'], 'status', { env: 'dev', format: 'pretty', color: true, quiet: false }],
    [['--config', 'x.yaml', 'migrate'], 'migrate', { config: 'x.yaml', lockTimeout: '60' }],
    [['-c', 'x.yaml', '-e', 'prod', '-f', 'json', '--no-color', '-q', 'plan', '--db', 'app'], 'plan', { config: 'x.yaml', env: 'prod', format: 'json', color: false, quiet: true, db: 'app' }],
    [['--format=json', '--env=dev', 'history'], 'history', { format: 'json', env: 'dev' }],
    [['-qe', 'dev', 'status'], 'status', { env: 'dev', quiet: true }],
    [['--format', 'sarif', 'lint', 'a.sql'], 'lint', { format: 'sarif', args: [['a.sql']] }],
    [['--format', 'csv', 'query', 'select 1'], 'query', { format: 'csv', args: ['select 1'] }],
    [['--env', 'dev', 'new', 'add_x'], 'new', { env: 'dev', args: ['add_x'] }],
    // Given both before and after the command: the one after wins, as a flag given twice does.
    [['--env', 'prod', 'migrate', '--env', 'dev'], 'migrate', { env: 'dev' }],
    [['-f', 'json', 'status', '--format', 'pretty'], 'status', { format: 'pretty' }],
    [['--config', 'a.yaml', 'status', '-c', 'b.yaml'], 'status', { config: 'b.yaml' }],
    // --no-color / --quiet before it hold: nothing after it turns them back.
    [['--no-color', '--quiet', 'status', '--env', 'dev'], 'status', { color: false, quiet: true, env: 'dev' }],
  ])('%j', async (argv, command, expected) => {
    const call = await parse(argv);
    expect(call.command).toBe(command);
    expect(call.options).toMatchObject(expected);
  });

  it("checks a --format before the command against that command's formats", async () => {
    await expect(parse(['--format', 'sarif', 'status'])).rejects.toMatchObject({ code: 'commander.invalidArgument', message: "error: option '--format <format>' (before the command) argument 'sarif' is invalid. Allowed choices for bb status are pretty, json." });
    await expect(parse(['-f', 'table', 'migrate'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('rejects a flag before the command that is not a common one', async () => {
    await expect(parse(['--db', 'app', 'status'])).rejects.toMatchObject({ code: 'commander.unknownOption' });
    await expect(parse(['--yes', 'migrate'])).rejects.toMatchObject({ code: 'commander.unknownOption' });
  });
});

describe('commands built for a run', () => {
  const names = (argv?: string[]): string[] => buildProgram(new AbortController().signal, argv && ['node', 'bb', ...argv]).program.commands.map((c) => c.name());

  it('builds only the command argv names', () => {
    expect(names(['backup', '--env', 'prod'])).toEqual(['backup']);
    expect(names(['lint', 'a.sql'])).toEqual(['lint']);
    expect(names(['--env', 'prod', 'backup'])).toEqual(['backup']);
    expect(names(['-c', 'status', '-qf', 'json', 'migrate'])).toEqual(['migrate']);
    expect(names(['--config=x.yaml', '-edev', 'plan'])).toEqual(['plan']);
  });

  it('builds every command for help, an unknown name (for its suggestion) or no command', () => {
    const all = names();
    expect(all.length).toBeGreaterThan(20);
    for (const argv of [[], ['--help'], ['help', 'backup'], ['migrat'], ['-v'], ['--env', 'dev'], ['--help', 'status'], ['-e', 'dev', '-h', 'status']]) expect(names(argv)).toEqual(all);
  });
});
