import type { CommandContext, GlobalOptions } from './context.js';
import { isatty } from 'node:tty';
import { writeErr } from '../output/print.js';

export function createContext(globals: GlobalOptions, signal: AbortSignal): CommandContext {
  const machine = globals.format !== 'pretty';
  return {
    cwd: process.cwd(),
    signal,
    // isatty(0), not process.stdin.isTTY: reading process.stdin sets up its stream (~4 ms), which
    // only bb query's stdin and the confirmation prompt need.
    interactive: isatty(0) && isatty(2),
    progress: (line: string) => {
      if (!globals.quiet && !machine) writeErr(line);
    },
    notice: (line: string) => {
      if (!globals.quiet) writeErr(`note: ${line}`);
    },
  };
}
