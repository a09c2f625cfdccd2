import type { CommandContext, GlobalOptions } from './context.js';
import { writeErr } from '../output/print.js';

export function createContext(globals: GlobalOptions, signal: AbortSignal): CommandContext {
  const machine = globals.format !== 'pretty';
  return {
    cwd: process.cwd(),
    signal,
    interactive: !!process.stdin.isTTY && !!process.stderr.isTTY,
    progress: (line: string) => {
      if (!globals.quiet && !machine) writeErr(line);
    },
  };
}
