import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.uncommitted-transaction',
    engines: ['postgres'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'error',
    recommended: true,
    description: 'Every BEGIN in a file needs a COMMIT (or ROLLBACK) in the same file',
    rationale: 'A transaction left open at the end of a migration is rolled back when the connection closes, silently undoing the statements after BEGIN. (Squawk: ban-uncommitted-transaction.)',
    payload: {},
    messages: { open: 'The transaction opened here is never committed' },
    examples: { bad: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;', good: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;' },
  },
  *checkFile(file) {
    let open: number | undefined;
    for (const s of file.statements) {
      if (s.facts.transaction === 'begin') open = s.index;
      else if (s.facts.transaction === 'commit' || s.facts.transaction === 'rollback') open = undefined;
    }
    if (open !== undefined) yield { messageId: 'open', statement: open };
  },
});
