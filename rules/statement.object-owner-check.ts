import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'statement.object-owner-check',
    engines: ['postgres'],
    kinds: ['other', 'alter-table'],
    category: 'statement',
    defaultLevel: 'error',
    recommended: false,
    description: 'Keep objects owned by the migration role: no ALTER … OWNER TO or REASSIGN OWNED in migrations',
    rationale: 'Only an object\'s owner can alter it. A migration that hands an object to another role makes the next migration on it fail with "must be owner", on some environments and not others. (Bytebase checks the live owner; bb checks the statements that change it.)',
    payload: {},
    messages: { owner: '{{what}} changes the owner of {{name}}; later migrations running as the migration role can no longer alter it' },
    examples: { bad: 'ALTER TABLE app.users OWNER TO reporting;', good: 'GRANT SELECT ON app.users TO reporting;' },
  },
  *check(stmt) {
    // Only OWNER TO and REASSIGN OWNED change an owner: other statements' trees are not read (docs/lint.md).
    if (!/\bOWNE[RD]\b/i.test(stmt.text)) return;
    const [type, n] = pgNode(stmt.ast);
    if (type === 'AlterOwnerStmt') yield { messageId: 'owner', data: { what: 'OWNER TO', name: String(n.objectType ?? '').replace(/^OBJECT_/, '').toLowerCase() } };
    if (type === 'ReassignOwnedStmt') yield { messageId: 'owner', data: { what: 'REASSIGN OWNED', name: 'every object of the role' } };
    if (type === 'AlterTableStmt') {
      for (const c of n.cmds ?? []) if (c.AlterTableCmd?.subtype === 'AT_ChangeOwner') yield { messageId: 'owner', data: { what: 'OWNER TO', name: n.relation?.relname ?? '' } };
    }
  },
});
