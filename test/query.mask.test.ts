/** Masking decisions (pure): patterns, per-environment overrides, grants, methods, untraced columns. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { effectiveRules, masker, mentionsMasked, planMasks, readsMasked, ruleMatches, touchesMasked, unmaskAllowed } from '../src/query/mask.js';
import { formatter } from '../src/query/format.js';
import { backupTableName } from '../src/backup/prior.js';
import { queryError, withheld } from '../src/query/errors.js';

const config = parseConfig({
  databases: {
    app: { engine: 'postgres', migrations: 'm', masking: [{ column: '*.email', method: 'full' }, { column: 'users.phone', method: 'partial', keep: 2 }, { column: 'billing.*.iban', method: 'hash' }] },
    ops: { engine: 'postgres', migrations: 'o' },
  },
  environments: [
    { name: 'dev', masking: false, unmask: true, targets: {} },
    { name: 'staging', masking: { app: [{ column: '*.ssn', method: 'full' }], ops: false }, targets: {} },
    { name: 'prod', unmask: ['alice'], targets: {} },
  ],
}, '/x/bb.config.yaml');
const env = (name: string) => config.environments.find((e) => e.name === name)!;
const app = config.databases.get('app')!;

describe('masking rules', () => {
  it('matches [schema.]table.column patterns with * wildcards, case-insensitively', () => {
    expect(ruleMatches({ column: '*.email', method: 'full' }, { table: 'users', column: 'EMAIL' })).toBe(true);
    expect(ruleMatches({ column: '*.email', method: 'full' }, { table: 'users', column: 'email2' })).toBe(false);
    expect(ruleMatches({ column: 'users.phone', method: 'full' }, { schema: 'public', table: 'users', column: 'phone' })).toBe(true);
    expect(ruleMatches({ column: 'users.phone', method: 'full' }, { table: 'people', column: 'phone' })).toBe(false);
    expect(ruleMatches({ column: 'billing.*.iban', method: 'full' }, { schema: 'billing', table: 'accounts', column: 'iban' })).toBe(true);
    expect(ruleMatches({ column: 'billing.*.iban', method: 'full' }, { schema: 'public', table: 'accounts', column: 'iban' })).toBe(false);
  });

  it("gives bb's prior-backup copies of a table that table's rules", () => {
    const phone = { column: 'users.phone', method: 'partial', keep: 4 } as const;
    expect(ruleMatches(phone, { schema: 'bb_backup', table: '0002_1_users', column: 'phone' })).toBe(true);
    expect(ruleMatches(phone, { schema: 'bb_backup_app', table: '0002_12_users', column: 'phone' })).toBe(true);
    expect(ruleMatches(phone, { schema: 'bb_backup', table: '1_2_3_users', column: 'phone' })).toBe(true);
    expect(ruleMatches({ column: 'user_data.phone', method: 'full' }, { schema: 'bb_backup', table: '0002_1_user_data', column: 'phone' })).toBe(true);
    expect(ruleMatches({ column: 'billing.accounts.iban', method: 'full' }, { schema: 'bb_backup', table: '0003_1_accounts', column: 'iban' })).toBe(true);
    expect(ruleMatches(phone, { schema: 'bb_backup', table: '0002_1_people', column: 'phone' })).toBe(false);
    expect(ruleMatches(phone, { schema: 'public', table: '0002_1_users', column: 'phone' })).toBe(false);
    expect(ruleMatches(phone, { schema: 'bb_backup', table: 'bb_prior_backups', column: 'phone' })).toBe(false);
    // A copy name cut at 63 characters: the table it copies cannot be read back, the column decides.
    const cut = backupTableName('20240101120000', 1, `customer_contact_preferences_${'x'.repeat(40)}`);
    expect(cut).toHaveLength(63);
    expect(ruleMatches({ column: `customer_contact_preferences_${'x'.repeat(40)}.phone`, method: 'full' }, { schema: 'bb_backup', table: cut, column: 'phone' })).toBe(true);
    expect(ruleMatches({ column: `customer_contact_preferences_${'x'.repeat(40)}.phone`, method: 'full' }, { schema: 'bb_backup', table: cut, column: 'name' })).toBe(false);
  });

  it('takes the environment override: none, a replacement list, or the database rules', () => {
    expect(effectiveRules(app, env('dev'))).toEqual([]);
    expect(effectiveRules(app, env('staging')).map((r) => r.column)).toEqual(['*.ssn']);
    expect(effectiveRules(config.databases.get('ops')!, env('staging'))).toEqual([]);
    expect(effectiveRules(app, env('prod'))).toHaveLength(3);
  });

  it('grants --unmask per environment', () => {
    expect(unmaskAllowed(env('dev'), 'anyone')).toBe(true);
    expect(unmaskAllowed(env('prod'), 'alice')).toBe(true);
    expect(unmaskAllowed(env('prod'), 'mallory')).toBe(false);
    expect(unmaskAllowed(env('staging'), 'alice')).toBe(false);
  });

  it('masks traced, view-derived and (when the query touches a masked column) untraced columns', () => {
    const rules = effectiveRules(app, env('prod'));
    const columns = [
      { name: 'e', source: { table: 'users', column: 'email' } },
      { name: 'name', source: { table: 'users', column: 'name' } },
      { name: 'le', source: { table: 'v', column: 'le' }, derivedFrom: [{ table: 'users', column: 'email' }] },
      { name: 'lower' },
    ];
    expect(planMasks(columns, rules, true).masked).toEqual(['e', 'le', 'lower']);
    expect(planMasks(columns, rules, false).masked).toEqual(['e', 'le']);
    expect(planMasks(columns, [], true).masked).toEqual([]);
  });

  it('masks an expression over a masked column in full, not with that column\'s partial rule; the column itself and its alias keep the rule', () => {
    const rules = effectiveRules(app, env('prod'));
    const phone = { table: 'users', column: 'phone' };
    const plan = planMasks([{ name: 'p', source: phone }, { name: 'rev', derivedFrom: [phone] }, { name: 'vp', source: { table: 'v', column: 'vp' }, derivedFrom: [{ table: 'v', column: 'vp' }, phone] }], rules, false);
    expect(plan.maskers.map((m) => m!('+44 20 7946 0018'))).toEqual(['************18', '***', '***']);
    expect(plan.rules[0]).toMatchObject({ method: 'partial' });
  });

  it('masks a column that holds several table columns\' values (alsoFrom) by the rule any of them matches, in full when their rules mask differently', () => {
    const rules = [
      { column: 'events_local.email', method: 'partial', keep: 4 },
      { column: 'archive.email', method: 'partial' },
      { column: 'events_local.ssn', method: 'hash' },
      { column: 'archive.ssn', method: 'partial' },
    ] as const;
    const plan = planMasks([
      { name: 'email', source: { table: 'events_local', column: 'email' }, alsoFrom: [{ table: 'events', column: 'email' }] },
      { name: 'both', source: { table: 'events_local', column: 'email' }, alsoFrom: [{ table: 'archive', column: 'email' }, { table: 'events', column: 'email' }] },
      { name: 'ssn', source: { table: 'events_local', column: 'ssn' }, alsoFrom: [{ table: 'archive', column: 'ssn' }] },
      { name: 'id', source: { table: 'events_local', column: 'id' }, alsoFrom: [{ table: 'events', column: 'id' }] },
    ], rules, false);
    expect(plan.maskers.map((m) => m?.('ada@example.com'))).toEqual(['***********.com', '***********.com', '***', undefined]);
  });

  it('finds a masked column referenced anywhere, under SELECT *, or behind a view', async () => {
    const rules = effectiveRules(app, env('prod'));
    const lookups = { relationColumns: async () => ['id', 'email'], relationSources: async (t: { table: string }) => (t.table === 'v' ? [{ table: 'users', column: 'email' }] : []) };
    expect(await touchesMasked({ ok: true, tables: [{ table: 'users' }], columns: [{ column: 'email' }], star: false }, rules, lookups)).toBe(true);
    expect(await touchesMasked({ ok: true, tables: [{ table: 'users' }], columns: [{ column: 'id' }], star: false }, rules, lookups)).toBe(false);
    expect(await touchesMasked({ ok: true, tables: [{ table: 'users' }], columns: [], star: true }, rules, lookups)).toBe(true);
    expect(await touchesMasked({ ok: true, tables: [{ table: 'v' }], columns: [{ column: 'le' }], star: false }, rules, lookups)).toBe(true);
  });

  it('finds a masked column named anywhere in the text, as words, whatever a parser makes of it (strings, comments, BINARY email)', () => {
    const rules = effectiveRules(app, env('prod'));
    for (const sql of ['SELECT BINARY email FROM users', 'SELECT name --EMAIL\nFROM users', "SELECT 'a\\' , upper(email), '' FROM t", 'SELECT `Email` FROM x', 'SELECT reverse(phone) FROM "users"', 'SELECT iban FROM billing.accounts']) {
      expect(mentionsMasked(sql, rules), sql).toBe(true);
    }
    // users.phone needs both words; the schema part is not checked (it may come from the search path).
    for (const sql of ['SELECT phone FROM people', 'SELECT emails, name FROM users', 'SELECT e_mail FROM users']) {
      expect(mentionsMasked(sql, rules), sql).toBe(false);
    }
    expect(mentionsMasked('SELECT BINARY email FROM users', [])).toBe(false);
  });

  it('counts what the engine found the query reads: a masked column, or an opaque read (a table read by name at run time)', () => {
    const rules = effectiveRules(app, env('prod'));
    expect(readsMasked({ columns: [{ table: 'users', column: 'email' }], opaque: false }, rules)).toBe(true);
    expect(readsMasked({ columns: [{ table: 'users', column: 'id' }], opaque: false }, rules)).toBe(false);
    expect(readsMasked({ columns: [], opaque: true }, rules)).toBe(true);
    expect(readsMasked({ columns: [], opaque: true }, [])).toBe(false);
    expect(readsMasked(undefined, rules)).toBe(false);
  });

  it("withholds a server's failure message but for SQLSTATE class 42 (about the SQL), keeping the code", () => {
    const failed = (message: string, fields: object) => queryError(Object.assign(new Error(message), fields), 'failed', 1000);
    expect(withheld(failed('invalid input syntax for type integer: "ada@example.com"', { code: '22P02' })).message).toBe("The query failed [22P02]; the server's message is withheld, as it could quote a masked column's values.");
    expect(withheld(failed("XPATH syntax error: '~ada@example.com'", { code: 'ER_UNKNOWN_ERROR', errno: 1105, sqlState: 'HY000' })).message).toMatch(/^The query failed \[HY000\]; the server's message is withheld/);
    expect(withheld(failed('Cannot parse input: ada@example.com', { code: 27 })).message).toMatch(/^The query failed \[27\]; .* withheld/);
    expect(withheld(failed('column "emial" does not exist', { code: '42703' })).message).toBe('The query failed: [42703] column "emial" does not exist.');
    expect(withheld(failed("Unknown column 'emial'", { code: 'ER_BAD_FIELD_ERROR', errno: 1054, sqlState: '42S22' })).message).toMatch(/Unknown column 'emial'/);
  });

  it('renders full, partial and hash masks; NULL stays NULL', () => {
    expect(masker({ column: 'x', method: 'full' })('secret')).toBe('***');
    expect(masker({ column: 'x', method: 'partial', keep: 4 })('+44 20 7946 0018')).toMatch(/^\*+0018$/);
    expect(masker({ column: 'x', method: 'partial', keep: 4 })('12')).toBe('***');
    const hash = masker({ column: 'x', method: 'hash' });
    expect(hash('a@b.c')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash('a@b.c')).toBe(hash('a@b.c'));
    expect(hash(null)).toBeNull();
  });
});

describe('formatters', () => {
  it('csv quotes like psql (empty string quoted, NULL empty), json and ndjson are valid, table is aligned', () => {
    const rows = [['1', 'a,b', null, ''], ['2', 'say "hi"', 'x\ny', 'z']];
    const names = ['id', 't', 'n', 'e'];
    const csv = formatter('csv', names);
    expect(csv.header() + csv.rows(rows) + csv.footer(2)).toBe('id,t,n,e\n1,"a,b",,""\n2,"say ""hi""","x\ny",z\n');
    const json = formatter('json', names);
    expect(JSON.parse(json.header() + json.rows(rows.slice(0, 1)) + json.rows(rows.slice(1)) + json.footer(2))).toEqual([{ id: '1', t: 'a,b', n: null, e: '' }, { id: '2', t: 'say "hi"', n: 'x\ny', e: 'z' }]);
    expect(JSON.parse(formatter('json', names).header() + formatter('json', names).footer(0))).toEqual([]);
    const nd = formatter('ndjson', names).rows(rows).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(nd).toHaveLength(2);
    // Column kinds: text that reads as the kind becomes it; text that does not (NaN, a mask) stays text.
    const kinds = ['number', 'boolean', 'json', 'number'] as const;
    const typed = formatter('ndjson', ['n', 'b', 'j', 'm'], kinds).rows([['-1.5', 't', '{"a":[1]}', 'NaN'], ['7', 'f', 'not json', '***'], [null, '***', null, ' ']]);
    expect(typed.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { n: -1.5, b: true, j: { a: [1] }, m: 'NaN' }, { n: 7, b: false, j: 'not json', m: '***' }, { n: null, b: '***', j: null, m: ' ' },
    ]);
    const table = formatter('table', names);
    table.rows(rows);
    expect(table.footer(2, '(limited)')).toBe(' id | t        | n    | e\n----+----------+------+---\n 1  | a,b      |      |\n 2  | say "hi" | x\\ny | z\n(2 rows) (limited)\n');
  });
});
