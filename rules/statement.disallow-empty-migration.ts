import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-empty-migration',
    engines: ['postgres', 'mysql', 'tidb', 'clickhouse', 'snowflake'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'A migration file must hold at least one statement',
    rationale: '`bb new` writes a file holding only a comment. Committed like that, it applies as "0 statements" and its version is recorded as applied everywhere; the change written into it later changes its checksum, and every database that applied the empty file then reports a checksum mismatch instead of running the change.',
    payload: {},
    messages: { empty: 'This file has no SQL statement: applying it records it as applied and changes nothing' },
    examples: { bad: '-- add users table\n', good: '-- add users table\nCREATE TABLE users (id bigint PRIMARY KEY);' },
  },
  *checkFile(file) {
    if (file.statements.length > 0) return;
    yield {
      messageId: 'empty',
      help: 'Write the change into the file, or delete it if it is not needed.',
      span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 1 },
    };
  },
});
