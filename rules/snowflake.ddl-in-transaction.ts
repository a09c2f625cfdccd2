import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.ddl-in-transaction',
    engines: ['snowflake'],
    kinds: [],
    category: 'safety',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Warn about DDL inside an explicit BEGIN … COMMIT (Snowflake commits the transaction at the DDL)',
    rationale: 'In Snowflake every DDL statement first commits the open transaction and then runs in a transaction of its own. A BEGIN … DDL … ROLLBACK therefore rolls back nothing written before the DDL, nor the DDL itself: the file looks atomic and is not.',
    payload: {},
    messages: { ddl: '{{verb}} commits the transaction opened at line {{line}}; statements before it cannot be rolled back' },
    examples: {
      bad: 'BEGIN TRANSACTION;\nINSERT INTO AUDIT (MSG) VALUES (\'start\');\nALTER TABLE EVENTS ADD COLUMN SOURCE STRING;\nCOMMIT;',
      good: 'ALTER TABLE EVENTS ADD COLUMN SOURCE STRING;\nBEGIN TRANSACTION;\nINSERT INTO AUDIT (MSG) VALUES (\'done\');\nCOMMIT;',
    },
  },
  *checkFile(file) {
    let openedAt: number | undefined;
    for (const stmt of file.statements) {
      const t = stmt.facts.transaction;
      if (t === 'begin') openedAt = stmt.span.line;
      else if (t === 'commit' || t === 'rollback') openedAt = undefined;
      else if (openedAt !== undefined && snowflakeFacts(stmt.facts)?.ddl) {
        const verb = stmt.text.trimStart().split(/\s+/, 1)[0]!.toUpperCase();
        yield { messageId: 'ddl', data: { verb, line: openedAt }, span: stmt.span, statement: stmt.index, help: 'Move the DDL out of the transaction; bb records progress per statement on Snowflake.' };
        openedAt = undefined; // the implicit commit ended it
      }
    }
  },
});
