import type { RunEvent } from '../run/events.js';

/**
 * Turns run events into progress: on a terminal, one status line rewritten in place; elsewhere (CI,
 * pipes), one plain line per finished migration. Writes to stderr so stdout stays the result.
 */
export function progressReporter(options: { tty: boolean; quiet: boolean; write: (text: string) => void }): (e: RunEvent) => void {
  let done = 0;
  let lineShown = false;
  const clear = (): void => {
    if (lineShown) options.write('\r\u001b[2K');
    lineShown = false;
  };
  return (e) => {
    switch (e.type) {
      case 'lock-wait':
        clear();
        options.write(`${e.target.id}: waiting for the migration lock${e.heldBy ? ` held by ${e.heldBy}` : e.holderUnknown ? `, held by a runner bb cannot name (${e.holderUnknown})` : ''}…\n`);
        return;
      case 'lock-acquired':
        if (!options.quiet) options.write(`${e.target.id}: lock acquired\n`);
        return;
      case 'warning':
        clear();
        options.write(`${e.target.id}: warning: ${e.message}\n`);
        return;
      case 'migration-start':
        if (options.tty && !options.quiet) {
          clear();
          options.write(`[${done + 1}] ${e.target.id} ${e.step.file.path} …`);
          lineShown = true;
        }
        return;
      case 'migration-end':
        done++;
        if (options.quiet && e.result.status === 'done') return;
        clear();
        if (!options.tty || e.result.status !== 'done') {
          const mark = e.result.status === 'done' ? 'applied' : e.result.error?.code === 'apply.interrupted' ? 'interrupted' : e.result.status;
          options.write(`${e.target.id}: ${mark} ${e.result.path} (${e.result.applied}/${e.result.total} statements, ${Math.round(e.result.durationMs)} ms)\n`);
        }
        return;
      case 'target-end':
        clear();
        return;
      default:
        return;
    }
  };
}
