import { defineRule } from '../src/lint/types.js';

const SETS_TIMEOUT = /^\s*SET\b[\s\S]*?\bmax_(execution|statement)_time\s*(=|:=)/i;
const head = (text: string): string => text.replace(/^(\s+|--[^\n]*\n?|#[^\n]*\n?|\/\*(?!!)[\s\S]*?\*\/)*/, '');

export default defineRule({
  meta: {
    id: 'statement.max-execution-time',
    engines: ['mysql'],
    kinds: [],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Require the file to set max_execution_time (MariaDB: max_statement_time) before its statements',
    rationale: 'A migration statement that runs far longer than expected holds its locks and connection the whole time. Setting the session\'s max_execution_time (MySQL, SELECT statements) or max_statement_time (MariaDB, all statements) first bounds it.',
    payload: {},
    messages: { missing: 'The file does not set max_execution_time (or MariaDB max_statement_time) before its first statement' },
    examples: {
      bad: 'SELECT id FROM users WHERE id = 1;',
      good: 'SET SESSION max_execution_time = 60000;\nSELECT id FROM users WHERE id = 1;',
    },
  },
  *checkFile(file) {
    const first = file.statements.find((s) => s.kind !== 'unparsed' || head(s.text) !== '');
    if (!first) return;
    const setIndex = file.statements.findIndex((s) => SETS_TIMEOUT.test(head(s.text)));
    if (setIndex >= 0 && setIndex <= first.index) return;
    if (setIndex >= 0) {
      // Set, but after other statements: those ran without it.
      const before = file.statements[0]!;
      yield { messageId: 'missing', statement: before.index };
      return;
    }
    yield { messageId: 'missing', statement: first.index };
  },
});
