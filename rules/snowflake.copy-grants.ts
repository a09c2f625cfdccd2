import { defineRule } from '../src/lint/types.js';
import { snowflakeFacts } from './_util/snowflake.js';

export default defineRule({
  meta: {
    id: 'snowflake.copy-grants',
    engines: ['snowflake'],
    kinds: ['create-table', 'other'],
    category: 'safety',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Require COPY GRANTS when a view or table is created with OR REPLACE',
    rationale: 'CREATE OR REPLACE creates a new object: without COPY GRANTS every privilege granted on the old one (SELECT to a reporting role, to a share) is gone, and dashboards fail with "does not exist or not authorized" right after the deploy.',
    payload: {},
    messages: { missing: 'CREATE OR REPLACE {{object}} {{name}} without COPY GRANTS drops the privileges granted on it' },
    examples: {
      bad: 'CREATE OR REPLACE VIEW ACTIVE_USERS AS SELECT ID FROM USERS WHERE ACTIVE;',
      good: 'CREATE OR REPLACE VIEW ACTIVE_USERS COPY GRANTS AS SELECT ID FROM USERS WHERE ACTIVE;',
    },
    whenOff: 'Turn it off when grants are managed outside migrations and re-applied after every deploy (e.g. future grants on the schema).',
  },
  *check(stmt) {
    const sf = snowflakeFacts(stmt.facts);
    if (!sf?.orReplace || sf.copyGrants || sf.temporary || !sf.objectName) return;
    if (!['VIEW', 'MATERIALIZED VIEW', 'TABLE', 'DYNAMIC TABLE'].includes(sf.object ?? '')) return;
    yield { messageId: 'missing', data: { object: sf.object!, name: sf.objectName.name }, at: sf.objectName.at, help: 'Add COPY GRANTS before AS (views) or after the column list (tables).' };
  },
});
