/**
 * docs/commands.md names every command and, for each, every flag it takes: a flag added to the CLI
 * without its line in the docs fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

const docs = readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8');
const COMMON = ['--config', '--env', '--format', '--no-color', '--quiet', '--help'];

/** The command's own section (`## bb <name>` up to the next heading) or its row in the table of other commands. */
function entry(name: string): string | undefined {
  const heading = new RegExp(`^## bb ${name}(?=[\\s(\`]|$)[^]*?(?=^## |(?![^]))`, 'm').exec(docs);
  if (heading) return heading[0];
  return new RegExp(`^\\| \`bb ${name}\` \\|.*$`, 'm').exec(docs)?.[0];
}

describe('docs/commands.md', () => {
  const { program } = buildProgram(new AbortController().signal);
  const commands = program.commands.filter((c) => c.name() !== 'help');

  it('has every command', () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.map((c) => c.name()).filter((name) => entry(name) === undefined)).toEqual([]);
  });

  it('names every flag of every command in its entry', () => {
    const missing: string[] = [];
    for (const c of commands) {
      const text = entry(c.name()) ?? '';
      for (const o of c.options) {
        const flag = o.long ?? o.short ?? '';
        if (COMMON.includes(flag)) continue;
        if (!text.includes(flag)) missing.push(`bb ${c.name()} ${flag}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists the common flags once, at the top', () => {
    for (const flag of COMMON.filter((f) => f !== '--help')) expect(docs.slice(0, docs.indexOf('## '))).toContain(flag);
  });
});
