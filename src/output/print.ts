/** The one place that writes to the terminal. */
import type { BbError } from '../errors.js';

export type OutputFormat = 'pretty' | 'json' | 'sarif' | 'github' | 'junit' | 'gitlab' | 'markdown' | 'html';

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

function colorOk(): boolean {
  return !!process.stderr.isTTY && !process.env.NO_COLOR && !process.argv.includes('--no-color');
}

/** Whether the command line asks for JSON (`--format json`, `-f json`, `--format=json`), read before or without commander. */
export function jsonWanted(argv: readonly string[] = process.argv): boolean {
  return argv.some((a, i) => a === '--format=json' || a === '-f=json' || ((a === '--format' || a === '-f') && argv[i + 1] === 'json'));
}

/** "error: <message>\n  hint: <hint>" on stderr; JSON when --format json was asked for. */
export function writeError(error: BbError): void {
  if (jsonWanted()) {
    writeOut(JSON.stringify({ error: { kind: error.kind, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, null, 2));
    return;
  }
  const red = colorOk() ? (s: string): string => `\u001b[31m${s}\u001b[39m` : (s: string): string => s;
  const dim = colorOk() ? (s: string): string => `\u001b[2m${s}\u001b[22m` : (s: string): string => s;
  writeErr(`${red('error:')} ${error.message}${error.hint ? `\n${dim('hint:')} ${error.hint}` : ''}`);
}
