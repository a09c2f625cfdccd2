import { defineRule } from '../src/lint/types.js';

const DDL = new Set(['create-table', 'alter-table', 'drop-table', 'create-index', 'drop-index']);

export default defineRule({
  meta: {
    id: 'statement.prior-backup-check',
    engines: ['postgres', 'mysql', 'tidb'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Keep UPDATE/DELETE in files without DDL, so the rows they change can be backed up first',
    rationale: 'Backing up the rows an UPDATE or DELETE touches (bb backup, or a copy table) only works when the data statements are not mixed with schema changes that alter the same tables in the same transaction.',
    payload: {},
    messages: { mixed: '{{verb}} is in a file that also changes the schema (line {{ddlLine}}); put data changes in their own migration so they can be backed up first' },
    examples: {
      bad: 'ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = \'\' WHERE note IS NULL;',
      good: 'UPDATE users SET note = \'\' WHERE note IS NULL;',
    },
  },
  *checkFile(file) {
    const ddl = file.statements.find((s) => DDL.has(s.kind) || s.facts.renameTable !== undefined);
    if (!ddl) return;
    for (const s of file.statements) {
      if (s.kind !== 'update' && s.kind !== 'delete') continue;
      yield { messageId: 'mixed', data: { verb: s.kind.toUpperCase(), ddlLine: ddl.span.line }, statement: s.index };
    }
  },
});
