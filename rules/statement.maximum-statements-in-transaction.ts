import type { ParsedStatement } from '../src/engine.js';
import { defineRule } from '../src/lint/types.js';

const DML = new Set(['insert', 'update', 'delete']);

export default defineRule({
  meta: {
    id: 'statement.maximum-statements-in-transaction',
    engines: ['mysql'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Limit the statements of one transaction',
    rationale: 'A long transaction holds every row lock it took until it commits, grows the undo log and delays replicas. Counted: the statements between BEGIN/START TRANSACTION and COMMIT/ROLLBACK, and, when bb runs the whole file in one transaction, its data changes (MySQL commits DDL implicitly).',
    payload: { number: { type: 'number', default: 10, min: 0, integer: true, description: 'Maximum statements in one transaction' } },
    messages: { tooMany: 'This transaction has {{count}} statements; the limit is {{max}}' },
    examples: {
      bad: `START TRANSACTION;\n${Array.from({ length: 11 }, (_, i) => `UPDATE t SET a = ${i} WHERE id = ${i};`).join('\n')}\nCOMMIT;`,
      good: 'START TRANSACTION;\nUPDATE t SET a = 1 WHERE id = 1;\nCOMMIT;',
    },
  },
  *checkFile(file, ctx) {
    const max = ctx.payload.number;
    const groups: ParsedStatement[][] = [];
    let open: ParsedStatement[] | undefined;
    const loose: ParsedStatement[] = [];
    for (const s of file.statements) {
      const t = s.facts.transaction;
      if (t === 'begin') { if (open) groups.push(open); open = []; continue; }
      if (t === 'commit' || t === 'rollback') { if (open) groups.push(open); open = undefined; continue; }
      if (s.kind === 'transaction' || s.kind === 'set') continue;
      if (open) open.push(s);
      else if (DML.has(s.kind)) loose.push(s);
    }
    if (open) groups.push(open);
    if (file.transactional && loose.length > 0) groups.push(loose);
    for (const g of groups) {
      if (g.length <= max) continue;
      yield { messageId: 'tooMany', data: { count: g.length, max }, statement: g[max]!.index };
    }
  },
});
