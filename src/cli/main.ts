/**
 * The only place that exits: runs the program, turns a BbError into "error: message / hint: …" on
 * stderr and its exit code, and anything else into an internal-error report without a stack trace
 * (set BB_DEBUG=1 for the stack). SIGINT and SIGTERM abort the command's signal: the command stops
 * cleanly (the running statement cancelled on the server, its transaction rolled back or a failed row
 * recorded, the lock released), prints what it left, and bb then exits by that signal (130, 143).
 */
import { constants } from 'node:os';
import { BbError, exitCode, interruption, type InterruptSignal } from '../errors.js';
import { buildProgram, commandName } from './program.js';
import { jsonWanted, writeErr, writeError } from '../output/print.js';

/** The first SIGINT/SIGTERM received: the command stops cleanly, then bb exits by that signal. */
let received: InterruptSignal | undefined;

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: InterruptSignal) => (): void => {
    if (received) {
      // A second Ctrl-C is the user insisting. A SIGTERM after a SIGINT (CI cancelling a job sends
      // both, seconds apart) lets the clean stop finish: a SIGKILL comes next if it takes too long.
      if (signal !== 'SIGINT') return;
      writeErr('bb: quitting without waiting: a statement may still be running on the server. bb status shows what was left; a version left running needs bb repair.');
      exitBySignal('SIGINT');
      return;
    }
    received = signal;
    writeErr(`bb: ${signal === 'SIGINT' ? 'interrupted by SIGINT (Ctrl-C)' : 'terminated by SIGTERM'}: stopping the running statement on the server and releasing the lock…${signal === 'SIGINT' ? ' (Ctrl-C again quits at once)' : ''}`);
    controller.abort(interruption(signal));
  };
  process.on('SIGINT', onSignal('SIGINT'));
  process.on('SIGTERM', onSignal('SIGTERM'));
  try {
    const { program, state } = buildProgram(controller.signal, argv);
    await program.parseAsync(argv as string[], { from: 'node' });
    return state.exitCode;
  } catch (error) {
    return report(error);
  }
}

/**
 * Ends the process by `signal` itself (exit status 128 + its number: 130, 143) rather than with an
 * exit code: a shell running a script (`bb migrate --env staging; bb migrate --env prod`) stops the
 * script only when its child died of the SIGINT, and goes on after a child that exited normally.
 */
function exitBySignal(signal: InterruptSignal): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // Where a signal cannot end the process (Windows), the same status as an exit code.
  setTimeout(() => process.exit(128 + constants.signals[signal]), 1000);
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
void main(process.argv).then((code) => process.stdout.write('', () => (received ? exitBySignal(received) : process.exit(code))));
