/**
 * The only place that exits: runs the program, turns a BbError into "error: message / hint: …" on
 * stderr and its exit code, and anything else into an internal-error report without a stack trace
 * (set BB_DEBUG=1 for the stack).
 */
import { BbError, exitCode } from '../errors.js';
import { buildProgram, commandName } from './program.js';
import { jsonWanted, writeError } from '../output/print.js';

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let interrupted = 0;
  process.on('SIGINT', () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    controller.abort(new BbError('apply', 'Interrupted (Ctrl-C).', { hint: 'Run the command again; bb resumes where the history says it stopped.' }));
  });
  process.on('SIGTERM', () => controller.abort(new BbError('apply', 'Terminated (SIGTERM).')));
  try {
    const { program, state } = buildProgram(controller.signal, argv);
    await program.parseAsync(argv as string[], { from: 'node' });
    return state.exitCode;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  const commander = error as { code?: string; exitCode?: number };
  if (typeof commander.code === 'string' && commander.code.startsWith('commander.')) {
    if (commander.code === 'commander.helpDisplayed' || commander.code === 'commander.version' || commander.code === 'commander.help') return 0;
    // commander printed its own message (an unknown option, a missing argument), except under --format
    // json, where the error is JSON like every other (program.ts outputError)
    if (jsonWanted()) {
      const command = commandName(process.argv.slice(2)); // `bb --format json status` names status
      writeError(new BbError('usage', (error as Error).message.replace(/^error: /, '').replace(/\s+/g, ' ').trim(), {
        hint: command ? `bb ${command} --help lists its flags.` : 'bb --help lists the commands.',
        code: 'usage.arguments',
      }));
    }
    return 2;
  }
  if (error instanceof BbError) {
    writeError(error);
    return exitCode(error);
  }
  writeError(new BbError('internal', `Internal error: ${error instanceof Error ? error.message : String(error)}`, {
    hint: 'This is a bug in bb. Run again with BB_DEBUG=1 for details and report it.',
    cause: error,
  }));
  if (process.env.BB_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 1;
}

// No top-level await: the bundle bin/bb.js runs is CommonJS (scripts/bundle.mjs says why).
void main(process.argv).then((code) => process.stdout.write('', () => process.exit(code)));
