import { defineRule } from '../src/lint/types.js';
import { notYetLive } from './_util/live.js';

export default defineRule({
  meta: {
    id: 'statement.dml-dry-run',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['insert', 'update', 'delete'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    requiresConnection: true,
    description: 'Check that INSERT, UPDATE and DELETE can run on the target (EXPLAIN, which runs nothing)',
    rationale: 'A data change that names a missing column, compares incompatible types or violates a rule the planner knows about fails halfway through a deploy. bb plans each statement with EXPLAIN (PostgreSQL, MySQL, MariaDB and TiDB alike) on the environment given with --env, which checks it without running it. Statements on tables that this file or a pending migration creates or changes are skipped (the target does not have them yet).',
    payload: {},
    messages: { fails: 'The target rejects this statement: {{error}}' },
    examples: { bad: "UPDATE users SET nickname = 'x' WHERE id = 1;", good: "UPDATE users SET name = 'x' WHERE id = 1;" },
  },
  async checkLive(stmt, ctx) {
    if (notYetLive(stmt, ctx)) return [];
    try {
      await ctx.db.query(`EXPLAIN ${stmt.text.replace(/;\s*$/, '')}`);
      return [];
    } catch (error) {
      const code = (error as { code?: string }).code;
      // MySQL: ER_NO_SUCH_TABLE for a table the replayed migrations have but the target does not yet.
      if (code === 'ER_NO_SUCH_TABLE' && stmt.facts.dml?.table && ctx.file.schemaBefore.hasTable(stmt.facts.dml.table)) return [];
      // The table exists in the migrations bb replayed but not on the target yet: not this statement's fault.
      if (code === '42P01' && stmt.facts.dml?.table && ctx.file.schemaBefore.hasTable(stmt.facts.dml.table)) return [];
      return [{ messageId: 'fails', data: { error: (error as Error).message.split('\n')[0] ?? String(error) } }];
    }
  },
});
