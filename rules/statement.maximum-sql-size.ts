import { defineRule } from '../src/lint/types.js';

export default defineRule({
  meta: {
    id: 'statement.maximum-sql-size',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Limit the size of a migration file (MB)',
    rationale: 'A huge migration file is usually a data dump: it is slow to review, slow to parse and holds one transaction for a long time. Load data with COPY or a separate job.',
    payload: { number: { type: 'number', default: 2, min: 0, description: 'Maximum file size in megabytes (MB = 1024 × 1024 bytes)' } },
    messages: { size: 'The file is {{size}} MB; the limit is {{max}} MB' },
    examples: { bad: `-- ${'x'.repeat(2 * 1024 * 1024)}\nSELECT 1;`, good: 'SELECT 1;' },
  },
  *checkFile(file, ctx) {
    const bytes = Buffer.byteLength(file.sql, 'utf8');
    if (bytes > ctx.payload.number * 1024 * 1024) yield { messageId: 'size', data: { size: (bytes / 1024 / 1024).toFixed(2), max: ctx.payload.number }, span: { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 1 } };
  },
});
