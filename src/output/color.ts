import { Chalk, type ChalkInstance } from 'chalk';

/** Colours for pretty output; off with --no-color, NO_COLOR, or when stdout is not a terminal. */
export type Palette = Pick<ChalkInstance, 'red' | 'green' | 'yellow' | 'blue' | 'cyan' | 'magenta' | 'gray' | 'bold' | 'dim'>;

export function palette(enabled: boolean): Palette {
  const on = enabled && !process.env.NO_COLOR && (!!process.stdout.isTTY || (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'));
  return new Chalk({ level: on ? 1 : 0 });
}

/** Visible width, without ANSI codes. */
export function width(s: string): number {
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** A plain text table: columns padded to the widest cell; a rule under the header row. */
export function table(rows: readonly (readonly string[])[], options: { header?: boolean } = {}): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  const lines = rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)))).join('  ').trimEnd());
  if (options.header && lines.length > 0) lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return lines.join('\n');
}
