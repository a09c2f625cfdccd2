import { defineRule } from '../src/lint/types.js';
import { myStarSelects } from './_util/mysql-ast.js';
import { pgNode, pgWalk } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'statement.select.no-select-all',
    engines: ['postgres', 'snowflake', 'mysql', 'tidb'],
    kinds: ['select', 'insert', 'create-table', 'other'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Forbid SELECT * (name the columns)',
    rationale: 'SELECT * changes meaning when a column is added or dropped: views freeze the column list, INSERT … SELECT * breaks when the tables drift apart.',
    payload: {},
    messages: { star: 'SELECT * selects every column; name the columns' },
    examples: { bad: 'INSERT INTO users_copy SELECT * FROM users;', good: 'INSERT INTO users_copy (id, email) SELECT id, email FROM users;' },
  },
  *check(stmt, ctx) {
    // No * in the text, no SELECT *: the tree is not read (it may cost a parse: docs/lint.md).
    if (!stmt.text.includes('*')) return;
    if ((ctx.engine === 'mysql' || ctx.engine === 'tidb') && stmt.ast !== undefined) {
      if (myStarSelects(stmt.ast) > 0) {
        const m = /(SELECT|DISTINCT|,|\.)\s*\*/i.exec(stmt.text);
        yield { messageId: 'star', at: m ? m.index + m[0].length - 1 : 0 };
      }
      return;
    }
    if (ctx.engine !== 'postgres') {
      // Engines without a PostgreSQL tree: the adapter's facts (top-level SELECT, CREATE … AS SELECT, INSERT … SELECT).
      const m = /(SELECT|DISTINCT|,|\.)\s*\*/i.exec(stmt.text);
      if (stmt.facts.select?.star) yield { messageId: 'star', at: m ? m.index + m[0].length - 1 : 0 };
      return;
    }
    const [, body] = pgNode(stmt.ast);
    if (!body) return;
    const found: number[] = [];
    const visit = (type: string, value: any): void => {
      if (type !== 'SelectStmt') return;
      for (const t of value.targetList ?? []) {
        const ref = t.ResTarget?.val?.ColumnRef;
        if (ref && (ref.fields ?? []).some((f: any) => f.A_Star)) found.push(ref.location ?? 0);
      }
    };
    visit(Object.keys(stmt.ast as object)[0]!, body);
    pgWalk(body, visit);
    for (const at of found) yield { messageId: 'star', at };
  },
});
