import { defineRule } from '../src/lint/types.js';
import { perFile } from './_util/memo.js';

export default defineRule({
  meta: {
    id: 'index.concurrently-in-transaction',
    engines: ['postgres'],
    kinds: ['create-index', 'drop-index', 'other', 'alter-table'],
    category: 'index',
    defaultLevel: 'error',
    recommended: true,
    description: 'Do not run CONCURRENTLY operations inside an explicit transaction block',
    rationale: 'CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY fail with "cannot run inside a transaction block". bb already runs files holding them outside a transaction; a BEGIN earlier in the file puts them back into one. (Squawk: ban-concurrent-index-creation-in-transaction.)',
    payload: {},
    messages: { tx: '{{what}} runs inside the transaction opened at line {{line}} and will fail' },
    examples: {
      bad: 'BEGIN;\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\nCOMMIT;',
      good: 'CREATE INDEX CONCURRENTLY idx_users_email ON users (email);',
    },
  },
  *check(stmt, ctx) {
    const what = stmt.facts.createIndex?.concurrently ? 'CREATE INDEX CONCURRENTLY'
      : stmt.facts.dropIndex?.concurrently ? 'DROP INDEX CONCURRENTLY'
      : stmt.facts.maintenance?.command === 'reindex' && stmt.facts.maintenance.concurrently ? 'REINDEX CONCURRENTLY'
      : (stmt.facts.alterTable?.actions ?? []).some((a) => a.type === 'detach-partition' && a.concurrently) ? 'DETACH PARTITION CONCURRENTLY' : undefined;
    if (!what) return;
    // The line of the BEGIN still open before each statement, computed once per file.
    const openBefore = perFile(ctx.file, 'open-transaction', () => {
      const out: (number | undefined)[] = [];
      let open: number | undefined;
      for (const p of ctx.file.statements) {
        out.push(open);
        if (p.facts.transaction === 'begin') open = p.span.line;
        else if (p.facts.transaction === 'commit' || p.facts.transaction === 'rollback') open = undefined;
      }
      return out;
    });
    const open = openBefore[stmt.index];
    if (open !== undefined) yield { messageId: 'tx', data: { what, line: open } };
  },
});
