/** The linter's contract: syntax findings, suppressions, transactions, created-in-file, config resolution. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../src/engine.js';
import { resolveRules } from '../src/lint/config.js';
import { BUILTIN_FINDINGS, lintFile } from '../src/lint/linter.js';
import { loadPlugins, loadRegistry } from '../src/lint/registry.js';
import { BbError } from '../src/errors.js';
import type { AnyRule } from '../src/lint/types.js';

async function lint(sql: string, config: Record<string, unknown> = {}, environment?: string) {
  const registry = await loadRegistry();
  const rules = await resolveRules({ registry, config, engine: 'postgres', ...(environment ? { environment } : {}) });
  const engine = await loadEngine('postgres');
  return lintFile({ path: 'm/0001_x.sql', sql, engine, rules: rules.active, knownIds: new Set([...registry.keys(), ...BUILTIN_FINDINGS]) });
}
const ids = (r: { findings: readonly { ruleId: string }[] }): string[] => r.findings.map((f) => f.ruleId);

describe('linter', () => {
  it('a statement that does not parse is one syntax finding at its position; the others are still checked', async () => {
    const r = await lint('DELETE FROM a;\nCREATE TABLEX t (id int);\nDELETE FROM b;');
    const syntax = r.findings.filter((f) => f.ruleId === 'syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.span.line).toBe(2);
    expect(syntax[0]!.span.column).toBe(8);
    expect(r.findings.filter((f) => f.ruleId === 'statement.where.require.update-delete').map((f) => f.span.line)).toEqual([1, 3]);
  });

  it('CREATE TABLE t …; CREATE INDEX ON t … in one file does not need CONCURRENTLY', async () => {
    const r = await lint('CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX ON t (a);');
    expect(ids(r)).not.toContain('index.create-concurrently');
    const other = await lint('CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX ON u (a);');
    expect(ids(other)).toContain('index.create-concurrently');
  });

  it('-- bb:disable and -- bb:disable-next-statement suppress; unused ones are reported', async () => {
    const file = await lint('-- bb:disable statement.where.require.update-delete\nDELETE FROM a;\nDELETE FROM b;');
    expect(ids(file)).toEqual([]);
    const next = await lint('-- bb:disable-next-statement statement.where.require.update-delete\nDELETE FROM a;\nDELETE FROM b;');
    expect(next.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['statement.where.require.update-delete:3']);
    const unused = await lint('-- bb:disable-next-statement statement.where.require.update-delete\nDELETE FROM a WHERE id = 1;');
    expect(unused.findings.map((f) => `${f.ruleId}:${f.level}:${f.span.line}`)).toEqual(['unused-disable:warning:1']);
  });

  it('an unknown rule id in a suppression is an error suggesting the closest id', async () => {
    const r = await lint('-- bb:disable index.create-concurrentl\nCREATE INDEX ON t (a);');
    const f = r.findings.find((x) => x.ruleId === 'unknown-rule');
    expect(f?.level).toBe('error');
    expect(f?.message).toContain('did you mean "index.create-concurrently"');
  });

  it('presets, per-rule levels and payloads, and per-environment overrides', async () => {
    const sql = 'CREATE TABLE "Users" (id bigint PRIMARY KEY);\nDELETE FROM a;';
    expect(ids(await lint(sql))).toEqual(['statement.where.require.update-delete']);
    expect(ids(await lint(sql, { preset: 'none' }))).toEqual([]);
    expect(ids(await lint(sql, { preset: 'strict' }))).toContain('naming.table');
    const custom = await lint(sql, { 'naming.table': { level: 'error', format: '^[A-Z][a-z]+$' }, 'statement.where.require.update-delete': 'off' });
    expect(ids(custom)).toEqual([]);
    const env = { 'statement.where.require.update-delete': 'error', environments: { dev: { 'statement.where.require.update-delete': 'warning' } } };
    expect((await lint(sql, env, 'dev')).findings[0]!.level).toBe('warning');
    expect((await lint(sql, env, 'prod')).findings[0]!.level).toBe('error');
  });

  it('unknown rule ids and payload keys in the config are config errors with the closest name', async () => {
    const registry = await loadRegistry();
    await expect(resolveRules({ registry, config: { 'naming.tabel': 'error' }, engine: 'postgres' })).rejects.toThrow(/did you mean "naming.table"/);
    await expect(resolveRules({ registry, config: { 'naming.table': { formt: 'x' } }, engine: 'postgres' })).rejects.toThrow(/did you mean "format"/);
    await expect(resolveRules({ registry, config: { 'naming.table': { maxLength: 'long' } }, engine: 'postgres' })).rejects.toBeInstanceOf(BbError);
  });

  it('a count or limit in a payload refuses values below its minimum and fractions, in the config and in a Bytebase import', async () => {
    const registry = await loadRegistry();
    const payload = async (id: string, value: Record<string, unknown>): Promise<unknown> =>
      resolveRules({ registry, config: { preset: 'none', [id]: { level: 'error', ...value } }, engine: 'mysql' }).then((r) => r.active[0]!.payload, (e: unknown) => e);
    expect(await payload('statement.insert.row-limit', { number: -1 })).toMatchObject({
      kind: 'config', message: 'rules.statement.insert.row-limit.number: expected a whole number of 0 or more, got -1.', hint: 'number: Maximum rows in one INSERT … VALUES.',
    });
    expect(await payload('index.key-number-limit', { number: 2.5 })).toMatchObject({ message: 'rules.index.key-number-limit.number: expected a whole number of 0 or more, got 2.5.' });
    expect(await payload('naming.table', { maxLength: '-3' })).toMatchObject({ message: 'rules.naming.table.maxLength: expected a whole number of 0 or more, got "-3".' });
    // The values each rule gives a meaning: -1 (no limit) for comment lengths, 0 (no limit) for names, a fraction of a megabyte.
    expect(await payload('column.comment', { maxLength: -1 })).toMatchObject({ maxLength: -1 });
    expect(await payload('naming.table', { maxLength: 0 })).toMatchObject({ maxLength: 0 });
    expect(await payload('statement.maximum-sql-size', { number: 0.5 })).toEqual({ number: 0.5 });
    expect(await payload('statement.insert.row-limit', { number: '500' })).toEqual({ number: 500 });

    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-bytebase-'));
    writeFileSync(join(dir, 'review.yaml'), ['ruleList:', '  - type: statement.insert.row-limit', '    level: ERROR', '    payload: \'{"number": -100}\''].join('\n'));
    await expect(resolveRules({ registry, config: { preset: 'none', bytebase: './review.yaml' }, engine: 'postgres', baseDir: dir }))
      .rejects.toThrow('./review.yaml:4: ruleList[0] (statement.insert.row-limit): payload key "number": expected a whole number of 0 or more, got -100.');
  });

  it('imports a Bytebase SQL review config (ruleList of type/level/payload)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-bytebase-'));
    writeFileSync(join(dir, 'review.yaml'), [
      'ruleList:',
      '  - type: naming.table',
      '    level: ERROR',
      '    engine: POSTGRES',
      '    payload: \'{"format":"^t_[a-z]+$","maxLength":64}\'',
      '  - type: statement.where.require.update-delete',
      '    level: DISABLED',
      '  - type: engine.made-up.rule',
      '    level: WARNING',
    ].join('\n'));
    const registry = await loadRegistry();
    const rules = await resolveRules({ registry, config: { preset: 'none', bytebase: 'review.yaml' }, engine: 'postgres', baseDir: dir });
    expect(rules.active.map((r) => `${r.rule.meta.id}:${r.level}:${String(r.payload.format)}`)).toEqual(['naming.table:error:^t_[a-z]+$']);
    expect(rules.notes.join(' ')).toContain('engine.made-up.rule');
  });

  it('refuses a Bytebase entry whose level or payload key bb would otherwise drop, naming the review file, the entry and the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-bytebase-'));
    const registry = await loadRegistry();
    const importing = async (entry: string[]): Promise<unknown> => {
      writeFileSync(join(dir, 'bb-review.yaml'), ['ruleList:', '  - type: table.require-pk', '    level: ERROR', ...entry].join('\n'));
      return resolveRules({ registry, config: { preset: 'none', bytebase: './bb-review.yaml' }, engine: 'postgres', baseDir: dir }).then(() => 'accepted', (e: unknown) => e);
    };
    // FATAL used to read as "off": the rule was silently disabled.
    const level = await importing(['  - type: naming.table', '    level: FATAL']);
    expect(level).toBeInstanceOf(BbError);
    expect(level).toMatchObject({ kind: 'config', message: expect.stringMatching(/^\.\/bb-review\.yaml:5: ruleList\[1\] \(naming\.table\): level "FATAL" is not a Bytebase level/), hint: expect.stringContaining('ERROR, WARNING, DISABLED') });
    // Bytebase writes its levels in capitals; a lower-case one is not from a Bytebase export.
    expect(await importing(['  - type: naming.table', '    level: error'])).toMatchObject({ message: expect.stringContaining('(did you mean "ERROR"?)') });
    // A misspelt key used to be dropped, leaving the default format in force.
    const payload = await importing(['  - type: naming.table', '    level: ERROR', '    payload: { formatt: "^[A-Z_a-z]+$" }']);
    expect(payload).toMatchObject({ kind: 'config', message: expect.stringMatching(/^\.\/bb-review\.yaml:6: ruleList\[1\] \(naming\.table\): unknown payload key "formatt" \(did you mean "format"\?\)/), hint: 'naming.table takes: format, maxLength.' });
    const json = await importing(['  - type: naming.table', '    level: WARNING', '    payload: \'{"format":"^[a-z]+$","maxLen":3}\'']);
    expect(json).toMatchObject({ message: expect.stringContaining('unknown payload key "maxLen"') });
    // A payload value of the wrong type used to be blamed on the bb config, at a path that is not in it.
    const wrongType = await importing(['  - type: naming.table', '    level: ERROR', '    payload: \'{"format": 5}\'']);
    expect(wrongType).toMatchObject({ kind: 'config', message: './bb-review.yaml:6: ruleList[1] (naming.table): payload key "format": expected a string, got 5.' });
    const badRegex = await importing(['  - type: naming.table', '    level: ERROR', '    payload: { format: "[" }']);
    expect(badRegex).toMatchObject({ message: expect.stringMatching(/^\.\/bb-review\.yaml:6: ruleList\[1\] \(naming\.table\): payload key "format": invalid regular expression/) });
    // A list was read key by key ("unknown payload key "0"").
    expect(await importing(['  - type: naming.table', '    level: ERROR', '    payload: \'["^x$"]\''])).toMatchObject({ message: './bb-review.yaml:6: ruleList[1] (naming.table): payload is not an object: ["^x$"].' });
    // What a Bytebase export holds is still accepted, including a payload key bb has no option for.
    expect(await importing(['  - type: column.comment', '    level: DISABLED', '    payload: \'{"required":true,"requiredClassification":false,"maxLength":64}\''])).toBe('accepted');
  });

  it('a Bytebase file that cannot be read or has no ruleList is an error at rules.bytebase of the config, with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-bytebase-'));
    const registry = await loadRegistry();
    const locate = (path: readonly (string | number)[]): string => `bb.config.yaml:12: ${path.join('.')}`;
    const importing = (file: string): Promise<unknown> =>
      resolveRules({ registry, config: { bytebase: file }, engine: 'postgres', baseDir: dir, locate }).then(() => 'accepted', (e: unknown) => e);
    expect(await importing('./nope.yaml')).toMatchObject({ kind: 'config', message: expect.stringMatching(/^bb\.config\.yaml:12: rules\.bytebase: cannot read \.\/nope\.yaml: ENOENT/) });
    writeFileSync(join(dir, 'other.yaml'), 'name: not a review\n');
    expect(await importing('./other.yaml')).toMatchObject({ message: 'bb.config.yaml:12: rules.bytebase: ./other.yaml has no ruleList.' });
  });

  it('a Bytebase override file: template is named in a note, an entry without a level keeps the rule\'s level, DISABLED rules bb lacks are no loss', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-bytebase-'));
    writeFileSync(join(dir, 'override.yaml'), [
      'template: bb.sql-review.prod',
      'ruleList:',
      '  - type: naming.table',
      '    payload:',
      '      format: "^t_[a-z]+$"',
      '  - type: naming.column',
      '    payload:',
      '      maxLength: 24',
      '  - type: statement.select.made-up',
      '    level: DISABLED',
      '  - type: engine.made-up.rule',
      '    level: WARNING',
    ].join('\n'));
    const registry = await loadRegistry();
    const rules = await resolveRules({ registry, config: { bytebase: './override.yaml', 'naming.table': 'error' }, engine: 'postgres', baseDir: dir });
    // naming.table keeps the level the config gives it and takes the payload; naming.column was turned on as a warning before.
    expect(rules.active.filter((r) => ['naming.table', 'naming.column'].includes(r.rule.meta.id)).map((r) => `${r.rule.meta.id}:${r.level}:${String(r.payload.format)}`)).toEqual(['naming.table:error:^t_[a-z]+$']);
    expect(rules.notes).toEqual([
      "./override.yaml extends Bytebase's template bb.sql-review.prod, which bb does not have: its ruleList is applied over bb's recommended preset.",
      'Bytebase rules without a bb equivalent, ignored: engine.made-up.rule.',
      "./override.yaml:6: ruleList[1] (naming.column) has no level, and the rule is off (bb's recommended preset or the config): its payload applies only once a level turns it on; give the entry a level.",
    ]);
  });

  it('rules that need a database are listed as skipped without a connection', async () => {
    const registry = await loadRegistry();
    const rules = await resolveRules({ registry, config: { preset: 'strict' }, engine: 'postgres' });
    expect(rules.skipped.map((s) => s.id)).toEqual(expect.arrayContaining(['statement.affected-row-limit', 'statement.dml-dry-run']));
    const connected = await resolveRules({ registry, config: { preset: 'strict' }, engine: 'postgres', connected: true });
    expect(connected.active.map((r) => r.rule.meta.id)).toContain('statement.dml-dry-run');
  });

  it('a rule that reports a messageId its meta.messages lacks is a rule-error naming the rule and the id, not a finding whose message is the id', async () => {
    const engine = await loadEngine('postgres');
    const rule = {
      meta: { id: 'custom.typo', engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'warning', recommended: true,
        description: 'x', payload: {}, messages: { dropped: 'Do not drop' }, examples: { bad: 'DROP TABLE a;', good: 'SELECT 1;' } },
      *check() { yield { messageId: 'nope' }; },
    } as unknown as AnyRule;
    const result = await lintFile({ path: 'm/0001_x.sql', sql: 'SELECT 1;\nDROP TABLE a;', engine, rules: [{ rule, level: 'warning', payload: {} }] });
    expect(result.findings.map((f) => [f.ruleId, f.level, f.span.line, f.message])).toEqual([
      ['rule-error', 'error', 2, 'Rule custom.typo failed on this statement: it reported messageId "nope", which its meta.messages does not have (it has: dropped)'],
    ]);
  });

  it('a plugin check that returns nothing, a promise or a non-iterable is a rule-error saying what check must return', async () => {
    const engine = await loadEngine('postgres');
    const meta = { engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'warning', recommended: true,
      description: 'x', payload: {}, messages: { dropped: 'Do not drop' }, examples: { bad: 'DROP TABLE a;', good: 'SELECT 1;' } };
    const messages = async (id: string, methods: Record<string, unknown>): Promise<string[]> => {
      const rule = { meta: { ...meta, id, kinds: methods.checkFile ? [] : meta.kinds }, ...methods } as unknown as AnyRule;
      const result = await lintFile({ path: 'm/0001_x.sql', sql: 'DROP TABLE a;', engine, rules: [{ rule, level: 'warning', payload: {} }], knownIds: new Set([id]) });
      helps.push(...result.findings.map((f) => f.help ?? ''));
      return result.findings.map((f) => `${f.ruleId}: ${f.message}`);
    };
    const helps: string[] = [];
    expect(await messages('custom.undefined', { check() { return undefined; } })).toEqual([
      'rule-error: Rule custom.undefined failed on this statement: its check returned undefined; check must return an array of problems or be a generator function (*check(…) { yield { messageId, … } })',
    ]);
    expect((await messages('custom.async', { async check() { return []; } }))[0]).toMatch(/: its check returned a promise; check must return .*; only checkLive may be async$/);
    expect((await messages('custom.number', { check() { return 3; } }))[0]).toContain('its check returned number 3;');
    expect((await messages('custom.file', { checkFile() { return { messageId: 'dropped' }; } }))[0]).toContain('Rule custom.file failed on this file: its checkFile returned an object that is not iterable; checkFile must return an array');
    // The way out names the rule, per statement or for the whole file.
    expect(helps[0]).toBe('This is a bug in the rule; disable it for this statement with -- bb:disable-next-statement custom.undefined and report it.');
    expect(helps[helps.length - 1]).toBe('This is a bug in the rule; disable it for this file with -- bb:disable custom.file at the top and report it.');
    // Arrays and generators are what a rule returns.
    expect(await messages('custom.array', { check() { return [{ messageId: 'dropped' }]; } })).toEqual(['custom.array: Do not drop']);
  });

  it('plugins: rules from a module with the same interface', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-plugin-'));
    writeFileSync(join(dir, 'rules.mjs'), `export default [{
      meta: { id: 'custom.no-drop-users', engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'error', recommended: true,
        description: 'Forbid dropping users', payload: {}, messages: { dropped: 'Do not drop {{table}}' }, examples: { bad: 'DROP TABLE users;', good: 'DROP TABLE x;' } },
      *check(stmt) { for (const t of stmt.facts.dropTable?.tables ?? []) if (t.name === 'users') yield { messageId: 'dropped', data: { table: t.name }, at: t.at }; },
    }];`);
    const plugins = await loadPlugins(['./rules.mjs'], dir);
    expect(plugins.map((p) => p.meta.id)).toEqual(['custom.no-drop-users']);
    const registry = await loadRegistry({ plugins: ['./rules.mjs'], baseDir: dir });
    const rules = await resolveRules({ registry, config: { preset: 'none', 'custom.no-drop-users': 'error' }, engine: 'postgres' });
    const engine = await loadEngine('postgres');
    const r = await lintFile({ path: 'x.sql', sql: 'DROP TABLE users;', engine, rules: rules.active, knownIds: new Set(registry.keys()) });
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.column}:${f.message}`)).toEqual(['custom.no-drop-users:12:Do not drop users']);
    // Its findings point to the plugin (bb has no docs/rules page for it), or to the rule's own `docs`.
    expect(r.findings[0]!.docsUrl).toBe('./rules.mjs');
    writeFileSync(join(dir, 'documented.mjs'), `export default { meta: { id: 'custom.documented', engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'error', recommended: true,
      description: 'Documented', payload: {}, messages: { m: 'm' }, examples: { bad: 'DROP TABLE x;', good: 'SELECT 1;' }, docs: 'https://example.com/rules/documented' },
      *check() { yield { messageId: 'm' }; } };`);
    const [documented] = await loadPlugins(['./documented.mjs'], dir);
    const d = await lintFile({ path: 'x.sql', sql: 'DROP TABLE x;', engine, rules: [{ rule: documented!, level: 'error', payload: {} }], knownIds: new Set(['custom.documented']) });
    expect(d.findings.map((f) => f.docsUrl)).toEqual(['https://example.com/rules/documented']);
    await expect(loadPlugins(['./missing.mjs'], dir)).rejects.toThrow(/cannot load/);
  });

  it('plugins: two rules with one id are an error naming both; a missing file is named, not bb\'s bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-plugin-dup-'));
    const rule = (id: string): string => `{ meta: { id: '${id}', engines: ['postgres'], kinds: ['delete'], category: 'table', defaultLevel: 'error', recommended: true,
      description: 'D', payload: {}, messages: { m: 'm' }, examples: { bad: 'DELETE FROM a;', good: 'SELECT 1;' } }, *check() { yield { messageId: 'm' }; } }`;
    writeFileSync(join(dir, 'a.mjs'), `export default [${rule('custom.same')}, ${rule('custom.same')}];`);
    writeFileSync(join(dir, 'b.mjs'), `export default ${rule('custom.b')};`);
    writeFileSync(join(dir, 'c.mjs'), `export default ${rule('custom.b')};`);
    const at = (path: readonly (string | number)[]): string => `bb.config.yaml:9: ${path[0]}[${path[1]}]`;
    await expect(loadPlugins(['./a.mjs'], dir, at)).rejects.toThrow('bb.config.yaml:9: plugins[0]: "./a.mjs" defines rule "custom.same" twice.');
    await expect(loadPlugins(['./b.mjs', './c.mjs'], dir, at)).rejects.toThrow('bb.config.yaml:9: plugins[1]: "./c.mjs" defines rule "custom.b", which "./b.mjs" defines too.');
    // The same module listed twice is one rule.
    expect((await loadPlugins(['./b.mjs', './b.mjs'], dir, at)).map((r) => r.meta.id)).toEqual(['custom.b']);
    await expect(loadPlugins(['./lint/nope.mjs'], dir, at)).rejects.toThrow(`bb.config.yaml:9: plugins[0]: cannot load "./lint/nope.mjs": ${join(dir, 'lint/nope.mjs')} does not exist.`);
  });

  it('a plugin named by package is found in the project\'s node_modules, not bb\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-lint-plugin-pkg-'));
    const pkg = join(dir, 'node_modules', 'bb-rules-acme');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'bb-rules-acme', type: 'module', exports: './index.js' }));
    writeFileSync(join(pkg, 'index.js'), `export default { meta: { id: 'acme.no-drop', engines: ['postgres'], kinds: ['drop-table'], category: 'table', defaultLevel: 'error', recommended: true,
      description: 'No drops', payload: {}, messages: { m: 'm' }, examples: { bad: 'DROP TABLE x;', good: 'SELECT 1;' } }, *check() { yield { messageId: 'm' }; } };`);
    const plugins = await loadPlugins(['bb-rules-acme'], dir);
    expect(plugins.map((p) => `${p.meta.id} ${String(p.meta.docs)}`)).toEqual(['acme.no-drop bb-rules-acme']);
    // The message named bb's own bundle as the importer, where nobody would install a plugin.
    await expect(loadPlugins(['bb-rules-missing'], dir)).rejects.toThrow(`plugins: cannot load "bb-rules-missing": no package of that name is installed in ${dir} or a folder above it.`);
  });
});

describe('linter: directives', () => {
  it('an unknown or misplaced -- bb: directive is one finding; the file is still checked', async () => {
    const r = await lint('-- bb:disabel statement.where.require.update-delete\nDELETE FROM a;');
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['directive:1', 'statement.where.require.update-delete:2']);
    expect(r.findings[0]!.message).toContain('did you mean "disable"');
    const late = await lint('DELETE FROM a WHERE id = 1;\n-- bb:disable table.require-pk\nCREATE TABLE t (a int);');
    expect(late.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['directive:2', 'table.require-pk:3']);
  });

  it('each bad directive is its own finding, and the valid ones around them still apply', async () => {
    const r = await lint('-- bb:transacton off\n-- bb:disable statement.where.require.update-delete\nDELETE FROM a;\n-- bb:disable table.require-pk\nCREATE TABLE t (a int);');
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['directive:1', 'directive:4', 'table.require-pk:5']);
  });
});

describe('linter: suppression details', () => {
  it('disable-next-statement takes several ids and "all"; all never hides syntax errors', async () => {
    const several = await lint('-- bb:disable-next-statement table.require-pk, statement.where.require.update-delete\nCREATE TABLE t (a int);\nDELETE FROM t;');
    expect(several.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['unused-disable:1', 'statement.where.require.update-delete:3']);
    const all = await lint('-- bb:disable-next-statement all\nCREATE TABLE t (a int);\n-- bb:disable-next-statement all\nSELEC 1;');
    expect(all.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['unused-disable:3', 'syntax:4']);
  });

  it('a reason after " -- " is not read as rule ids', async () => {
    const r = await lint('-- bb:disable-next-statement statement.where.require.update-delete -- users holds 3 rows\nDELETE FROM users;');
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual([]);
    const file = await lint('-- bb:disable statement.where.require.update-delete -- seed data\nDELETE FROM a;');
    expect(ids(file)).toEqual([]);
  });

  it('a directive that names no rule is an error, not a silent no-op', async () => {
    const r = await lint('-- bb:disable\n-- bb:disable-next-statement\nDELETE FROM users;');
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['unknown-rule:1', 'unknown-rule:2', 'statement.where.require.update-delete:3']);
    expect(r.findings[1]!.message).toBe('bb:disable-next-statement names no rule, so it suppresses nothing');
  });

  it('a suppression of a rule this run left off is not unused: another --env or a live run needs it', async () => {
    // Pre-commit lints without --env: the live rule is skipped there, and column.no-null is on only in prod.
    const sql = '-- bb:disable-next-statement statement.affected-row-limit\nUPDATE a SET x = 1 WHERE id > 0;\n-- bb:disable-next-statement column.no-null\nCREATE TABLE b (id int PRIMARY KEY, x int);';
    const config = { environments: { prod: { 'column.no-null': 'warning' } } };
    expect(ids(await lint(sql, config))).toEqual([]);
    // Where the rule ran and found nothing, the suppression is still unused.
    const prod = await lint(sql.replace('x int', 'x int NOT NULL'), config, 'prod');
    expect(prod.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['unused-disable:3']);
    // A disable-next-statement below the last statement suppresses nothing, whichever rules ran.
    expect(ids(await lint('SELECT 1;\n-- bb:disable-next-statement column.no-null\n'))).toEqual(['unused-disable']);
  });

  it('a disable-next-statement inside a statement, or a suppression in a block comment, is a directive error, not skipped', async () => {
    const inside = await lint('DELETE\n-- bb:disable-next-statement statement.where.require.update-delete\nFROM a;\nDELETE FROM b WHERE id = 1;');
    expect(inside.findings.map((f) => `${f.ruleId}:${f.span.line}:${f.span.column}`)).toEqual(['statement.where.require.update-delete:1:1', 'directive:2:1']);
    expect(inside.findings[1]!.message).toBe('"bb:disable-next-statement" inside a statement applies to nothing');
    const block = await lint('/* bb:disable statement.where.require.update-delete */\nDELETE FROM a;\n/* bb:disable-next-statement table.require-pk */\nCREATE TABLE t (a int);');
    expect(block.findings.map((f) => `${f.ruleId}:${f.span.line}`)).toEqual(['directive:1', 'statement.where.require.update-delete:2', 'directive:3', 'table.require-pk:4']);
    expect(block.findings[0]!.help).toBe('Write it as a line comment: -- bb:disable <rule-id>.');
    // The same comments where they belong still suppress, and say nothing.
    expect(ids(await lint('-- bb:disable-next-statement statement.where.require.update-delete\n/* why: seed */\nDELETE FROM a;'))).toEqual([]);
  });

  it('a disable-next-statement with no statement below it is unused', async () => {
    const r = await lint('DELETE FROM a WHERE id = 1;\n-- bb:disable-next-statement statement.where.require.update-delete\n');
    expect(r.findings.map((f) => `${f.ruleId}:${f.span.line}:${f.span.column}`)).toEqual(['unused-disable:2:1']);
    expect(r.findings[0]!.message).toContain('no statement follows');
    const sameLine = await lint('DELETE FROM a WHERE id = 1; -- bb:disable-next-statement statement.where.require.update-delete');
    expect(sameLine.findings.map((f) => `${f.ruleId}:${f.span.line}:${f.span.column}`)).toEqual(['unused-disable:1:29']);
    const misspelt = await lint('-- bb:disable-next-statement index.create-concurently\nCREATE INDEX ON t (a);');
    expect(misspelt.findings.find((f) => f.ruleId === 'unknown-rule')!.message).toBe('bb:disable-next-statement names unknown rule "index.create-concurently" (did you mean "index.create-concurrently"?)');
  });
});
