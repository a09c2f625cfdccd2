import { defineRule } from '../src/lint/types.js';
import { perFile } from './_util/memo.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.require-lock-timeout',
    engines: ['postgres'],
    kinds: ['alter-table', 'drop-table', 'create-index', 'drop-index', 'other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Set lock_timeout before DDL that locks an existing table',
    rationale: 'DDL waiting for a lock blocks every query queued behind it: one long-running SELECT plus an ALTER TABLE can stall the whole application. SET lock_timeout = \'5s\' (and a statement_timeout) makes the migration fail fast instead; bb records the failure and it can be retried. (Squawk: require-timeout-settings.)',
    payload: {},
    messages: { timeout: '{{what}} on {{table}} takes a lock without a lock_timeout set earlier in the file' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN note text;',
      good: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
    },
  },
  *check(stmt, ctx) {
    const f = stmt.facts;
    const target = f.alterTable?.table ?? f.dropTable?.tables[0] ?? (f.createIndex && !f.createIndex.concurrently ? f.createIndex.table : undefined) ?? (f.truncate?.tables[0]);
    if (!target || ctx.createdInFile(qualified(target))) return;
    const firstSet = perFile(ctx.file, 'first-lock-timeout', () => ctx.file.statements.find((p) => p.facts.set?.name === 'lock_timeout')?.index ?? Infinity);
    const set = firstSet < stmt.index || /lock_timeout/i.test(ctx.file.sql.slice(0, ctx.file.statements[0]?.span.offset ?? 0));
    if (set) return;
    const what = f.alterTable ? 'ALTER TABLE' : f.dropTable ? 'DROP TABLE' : f.createIndex ? 'CREATE INDEX' : 'TRUNCATE';
    yield { messageId: 'timeout', data: { what, table: qualified(target) }, help: "Add SET lock_timeout = '5s'; at the top of the migration." };
  },
});
