/**
 * docs/commands.md names every command and, for each, every flag it takes: a flag added to the CLI
 * without its line in the docs fails here, and so does a documented flag the command does not take, a
 * --format choice left out or a default that is not the code's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

const docs = readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const COMMON = ['--config', '--env', '--format', '--no-color', '--quiet', '--help'];

/** The command's own section (`## bb <name>` up to the next heading) or its row in the table of other commands. */
function entry(name: string): string | undefined {
  const heading = new RegExp(`^## bb ${name}(?=[\\s(\`]|$)[^]*?(?=^## |(?![^]))`, 'm').exec(docs);
  if (heading) return heading[0];
  return new RegExp(`^\\| \`bb ${name}\` \\|.*$`, 'm').exec(docs)?.[0];
}

/**
 * The entry's synopsis: in a section, each code span that opens a paragraph (`--env X [--db NAME] …`;
 * bb rollback has two forms); in a table row, the one that opens its second cell. `\|` (a table's
 * escaped bar) is read as `|`.
 */
function synopsis(entryText: string): string {
  const spans = entryText.startsWith('## ')
    ? [...entryText.matchAll(/(?<=\n\n|^## [^\n]*\n)`([^`]*)`/g)].map((m) => m[1]!)
    : [/^`([^`]*)`/.exec(entryText.split(' | ')[1] ?? '')?.[1] ?? ''];
  return spans.join(' ').replaceAll('\\|', '|');
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  it("lists every flag of every command, and only the command's own, in its synopsis", () => {
    const wrong: string[] = [];
    for (const c of commands) {
      const text = synopsis(entry(c.name()) ?? '');
      const own = new Set(c.options.flatMap((o) => [o.long, o.short]).filter((f) => f !== undefined));
      for (const o of c.options) {
        const flag = o.long ?? o.short ?? '';
        if (!COMMON.includes(flag) && !new RegExp(`(?<![\\w-])${escape(flag)}(?![\\w-])`).test(text)) wrong.push(`bb ${c.name()}: ${flag} is not in \`${text}\``);
      }
      for (const [flag] of text.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)) if (!own.has(flag)) wrong.push(`bb ${c.name()}: ${flag} is documented but the command does not take it`);
    }
    expect(wrong).toEqual([]);
  });

  it("gives the --format choices of a command whose formats are not pretty and json, and the code's defaults", () => {
    const wrong: string[] = [];
    for (const c of commands) {
      const text = synopsis(entry(c.name()) ?? '');
      for (const o of c.options) {
        const flag = o.long ?? '';
        if (flag === '--format') {
          const choices = o.argChoices ?? [];
          if (choices.join('|') === 'pretty|json') continue;
          const listed = new RegExp(`--format ([a-z|]+)`).exec(text)?.[1]?.split('|') ?? [];
          if ([...listed].sort().join('|') !== [...choices].sort().join('|')) wrong.push(`bb ${c.name()}: --format ${choices.join('|')}, documented ${listed.join('|') || 'without its choices'}`);
        } else if (typeof o.defaultValue === 'string' && !new RegExp(`${escape(flag)} (?:[A-Z]+=)?${escape(o.defaultValue)}(?![\\w-])`).test(text)) {
          wrong.push(`bb ${c.name()}: ${flag} defaults to ${o.defaultValue}; write \`${flag} ${o.defaultValue}\` in \`${text}\``);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("README's table of commands has a row per command, naming only flags that command takes", () => {
    const rows = readme.split('\n').filter((line) => /^\| `[a-z]/.test(line)).map((line) => ({ names: [...line.split('|')[1]!.matchAll(/`([a-z]+)/g)].map((m) => m[1]!), line }));
    expect(commands.map((c) => c.name()).filter((name) => !rows.some((r) => r.names.includes(name)))).toEqual([]);
    const wrong: string[] = [];
    for (const { names, line } of rows) {
      const own = commands.filter((c) => names.includes(c.name())).flatMap((c) => c.options.flatMap((o) => [o.long, o.short]));
      for (const [flag] of line.split('|').slice(2).join('|').matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)) if (!own.includes(flag)) wrong.push(`${names.join(', ')}: ${flag}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lists the common flags once, at the top', () => {
    for (const flag of COMMON.filter((f) => f !== '--help')) expect(docs.slice(0, docs.indexOf('## '))).toContain(flag);
  });
});
