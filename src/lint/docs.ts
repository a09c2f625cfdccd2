/**
 * docs/rules/<id>.md, generated from a rule's metadata (scripts/gen-rule-docs.mjs writes them;
 * test/rules.parity.test.ts fails when a page differs from what this renders).
 */
import { payloadType, type AnyRule, type PayloadField } from './types.js';

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', off: 'off' };

export function renderRuleDoc(rule: AnyRule): string {
  const m = rule.meta;
  const out: string[] = [];
  out.push(`# ${m.id}`, '', `${m.description}.`, '');
  out.push(`- Category: ${m.category}`);
  out.push(`- Engines: ${m.engines.join(', ')}`);
  out.push(`- Default level: ${LEVEL[m.defaultLevel] ?? m.defaultLevel}${m.recommended ? ' (in the recommended preset)' : ' (not in the recommended preset; on in strict)'}`);
  if (m.requiresConnection) out.push('- Needs a database connection: runs with `bb lint --env <environment>`, listed as skipped otherwise');
  out.push('', '## Why', '', m.rationale ?? m.description + '.', '');
  out.push('## Bad', '', '```sql', m.examples.bad, '```', '', '## Good', '', '```sql', m.examples.good, '```', '');
  if (m.examplePayload) out.push(`The examples run with \`${JSON.stringify(m.examplePayload)}\`.`, '');
  out.push('## Options', '');
  const fields = Object.entries(m.payload as Readonly<Record<string, PayloadField>>);
  out.push('`level`: `error`, `warning` or `off`.', '');
  for (const [key, f] of fields) out.push(`### ${key}`, '', `${f.description}. Type: ${payloadType(f)}; default: \`${JSON.stringify(f.default)}\`.`, '');
  out.push('```yaml', 'rules:', `  ${m.id}:`, `    level: ${m.defaultLevel === 'off' ? 'warning' : m.defaultLevel}`);
  for (const [key, f] of fields) out.push(`    ${key}: ${JSON.stringify(f.default)}`);
  out.push('```', '');
  out.push('## Messages', '');
  for (const [id, text] of Object.entries(m.messages as Record<string, string>)) out.push(`- \`${id}\`: ${text}`);
  out.push('');
  out.push('## When to turn it off', '', m.whenOff ?? 'When the team has decided the risk does not apply to this database, turn it off in the config (`' + m.id + ': off`), for one environment under `rules.environments`, or for one statement with `-- bb:disable-next-statement ' + m.id + '`.', '');
  return out.join('\n');
}

/** Pages for the findings the linter itself reports (not rules in rules/). */
export const BUILTIN_PAGES: Readonly<Record<string, string>> = {
  syntax: '# syntax\n\nThe statement cannot be parsed by the engine\'s parser (PostgreSQL: libpg-query, the real PostgreSQL parser).\n\n- Level: error (always on)\n\nbb reports one `syntax` finding at the position the parser names, and still checks the other statements of the file. Fix the SQL; when the parser is wrong about valid SQL, disable it for the statement with `-- bb:disable-next-statement syntax` and report it.\n',
  directive: '# directive\n\nA `-- bb:` directive comment is unknown or misplaced (e.g. `-- bb:disable` after the first statement, or `-- bb:disable-next-statement` inside a statement, where it applies to nothing), or a suppression is written as a block comment (`/* bb:disable … */`; bb reads directives from `--` comments only).\n\n- Level: error (always on)\n\nThe message names the directive and the closest known one. File-level directives (`bb:transaction`, `bb:disable`) belong in the comments at the top of the file; `bb:disable-next-statement` goes right above its statement.\n\nEach bad directive is one finding; a misplaced one applies to nothing, and the file is still checked. The other files of its folder are linted as usual (a file with a bad directive is still replayed for the files after it). `bb plan` and `bb migrate` refuse the folder, naming the file and line, until the directive is fixed.\n',
  'unused-disable': '# unused-disable\n\nA `-- bb:disable` or `-- bb:disable-next-statement` comment suppresses nothing (also a `-- bb:disable-next-statement` with no statement below it).\n\n- Level: warning (always on)\n\nIt is reported only for a rule that ran: a suppression of a rule that this run left off (off in the config or the preset, on only in another environment\'s `rules.environments`, or a rule that needs a database connection when `--env` does not give one) may be needed by another run, so `bb lint` without `--env` in a pre-commit hook does not ask to remove the one that `bb lint --env prod` needs.\n\nRemove the comment, or the rule id from it, so that suppressions do not outlive the problem they hid (as ESLint reports unused eslint-disable comments).\n',
  'unknown-rule': '# unknown-rule\n\nA `-- bb:disable` or `-- bb:disable-next-statement` comment names a rule that does not exist, or names no rule at all (a bare `-- bb:disable-next-statement` would otherwise suppress nothing without saying so).\n\n- Level: error (always on)\n\nThe message suggests the closest rule id. `bb rules` lists them all.\n',
  'rule-error': '# rule-error\n\nA rule failed while checking a statement or a file (a bug in the rule): it threw, it reported a `messageId` that its\n`meta.messages` does not have (the finding names the rule, the id and the ids it has), or its `check` returned\nsomething other than an array of problems or a generator (`undefined`, a promise: the finding names what it returned).\n\n- Level: error (always on)\n\nThe other rules still ran. Disable the rule for that statement with `-- bb:disable-next-statement <id>` (for a failure on the whole file, `-- bb:disable <id>` at the top) and report the bug with the statement.\n',
};
