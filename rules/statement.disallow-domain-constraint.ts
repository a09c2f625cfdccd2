import { defineRule } from '../src/lint/types.js';
import { pgNode } from './_util/pg.js';

export default defineRule({
  meta: {
    id: 'statement.disallow-domain-constraint',
    engines: ['postgres'],
    kinds: ['other'],
    category: 'statement',
    defaultLevel: 'warning',
    recommended: false,
    description: 'Forbid CHECK constraints on domains (CREATE DOMAIN … CHECK, ALTER DOMAIN … ADD CONSTRAINT)',
    rationale: 'ALTER DOMAIN … ADD CONSTRAINT scans every column of every table that uses the domain under lock, and domain constraints are hard to change later. Put CHECK constraints on the tables. (Squawk: ban-create-domain-with-constraint, ban-alter-domain-with-add-constraint.)',
    payload: {},
    messages: {
      create: 'Domain {{name}} is created with a constraint',
      alter: 'ALTER DOMAIN … ADD CONSTRAINT checks every column that uses domain {{name}} under lock',
    },
    examples: { bad: 'CREATE DOMAIN positive AS int CHECK (VALUE > 0);', good: 'CREATE DOMAIN positive AS int;' },
  },
  *check(stmt) {
    // Only CREATE/ALTER DOMAIN: other statements' trees are not read (docs/lint.md).
    if (!/\bDOMAIN\b/i.test(stmt.text)) return;
    const [type, n] = pgNode(stmt.ast);
    const name = (n?.domainname ?? n?.typeName ?? []).map((x: any) => x.String?.sval).join('.');
    if (type === 'CreateDomainStmt' && (n.constraints ?? []).some((c: any) => c.Constraint && c.Constraint.contype !== 'CONSTR_NOTNULL' && c.Constraint.contype !== 'CONSTR_NULL' && c.Constraint.contype !== 'CONSTR_DEFAULT')) yield { messageId: 'create', data: { name } };
    if (type === 'AlterDomainStmt' && n.subtype === 'C') yield { messageId: 'alter', data: { name } };
  },
});
