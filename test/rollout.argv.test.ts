/** argv → options for review, rollout, report and init --demo, with the command modules mocked. */
import { describe, expect, it, vi } from 'vitest';

const calls: { command: string; options: Record<string, unknown> }[] = [];
const fake = (command: string) => ({
  default: vi.fn(async (options: Record<string, unknown>) => {
    calls.push({ command, options });
    return { kind: 'message', data: { text: '' }, exitCode: 0 };
  }),
});
vi.mock('../src/cli/commands/review.js', () => fake('review'));
vi.mock('../src/cli/commands/rollout.js', () => fake('rollout'));
vi.mock('../src/cli/commands/report.js', () => fake('report'));
vi.mock('../src/cli/commands/init.js', () => fake('init'));
vi.mock('../src/output/render.js', () => ({ render: vi.fn(async () => undefined) }));

const { buildProgram } = await import('../src/cli/program.js');

async function parse(argv: string[]): Promise<{ command: string; options: Record<string, unknown> }> {
  calls.length = 0;
  const { program } = buildProgram(new AbortController().signal);
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  program.commands.forEach((c) => c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined }));
  await program.parseAsync(['node', 'bb', ...argv]);
  return calls[0]!;
}

describe('argv → options (review, rollout, report, init --demo)', () => {
  it.each([
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
    const call = await parse(argv as string[]);
    expect(call.command).toBe(command);
    expect(call.options).toMatchObject(expected);
  });

  it('rejects unknown forges and formats', async () => {
    await expect(parse(['review', '--post', 'bitbucket'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['review', '--format', 'sarif'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['rollout', '--format', 'markdown'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});
