import { defineRule } from '../src/lint/types.js';
import { perFile } from './_util/memo.js';
import { qualified } from './_util/names.js';

export default defineRule({
  meta: {
    id: 'statement.merge-alter-table',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: ['alter-table'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Merge several ALTER TABLE statements on the same table into one',
    rationale: 'Each ALTER TABLE takes the table lock again and may rewrite or scan it again; one statement with several actions does the work once.',
    payload: {},
    messages: { merge: 'Table {{table}} is altered again (first at line {{line}}); merge the ALTER TABLE statements' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;',
      good: 'ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;',
    },
  },
  *check(stmt, ctx) {
    const at = stmt.facts.alterTable;
    if (!at || at.actions.some((a) => a.type.startsWith('rename'))) return;
    const name = qualified(at.table).toLowerCase();
    const firstAlter = perFile(ctx.file, 'first-alter', () => {
      const m = new Map<string, { index: number; line: number }>();
      for (const p of ctx.file.statements) {
        const a = p.facts.alterTable;
        if (p.kind !== 'alter-table' || !a || a.actions.some((x) => x.type.startsWith('rename'))) continue;
        const k = qualified(a.table).toLowerCase();
        if (!m.has(k)) m.set(k, { index: p.index, line: p.span.line });
      }
      return m;
    });
    const f = firstAlter.get(name);
    const first = f && f.index < stmt.index ? { span: { line: f.line } } : undefined;
    if (first) yield { messageId: 'merge', data: { table: qualified(at.table), line: first.span.line } };
  },
});
