/**
 * Every built-in rule, by id, sorted; each entry imports its module lazily. A rule registers by
 * adding its line here (file name = rule id); test/rules.parity.test.ts checks that this map, the
 * files, the tests and docs/rules/*.md agree.
 */
/** The module's default export is a defineRule() result; the registry checks its shape. */
type Loader = () => Promise<{ default: { readonly meta: { readonly id: string } } }>;

export const RULES: Readonly<Record<string, Loader>> = {
  'column.comment': () => import('./column.comment.js'),
  'column.default-disallow-volatile': () => import('./column.default-disallow-volatile.js'),
  'column.disallow-change-type': () => import('./column.disallow-change-type.js'),
  'column.maximum-character-length': () => import('./column.maximum-character-length.js'),
  'column.no-null': () => import('./column.no-null.js'),
  'column.require-default': () => import('./column.require-default.js'),
  'column.required': () => import('./column.required.js'),
  'column.type-disallow-list': () => import('./column.type-disallow-list.js'),
  'naming.column': () => import('./naming.column.js'),
  'naming.fully-qualified': () => import('./naming.fully-qualified.js'),
  'naming.index.fk': () => import('./naming.index.fk.js'),
  'naming.index.idx': () => import('./naming.index.idx.js'),
  'naming.index.pk': () => import('./naming.index.pk.js'),
  'naming.index.uk': () => import('./naming.index.uk.js'),
  'naming.table': () => import('./naming.table.js'),
  'statement.add-check-not-valid': () => import('./statement.add-check-not-valid.js'),
  'statement.add-foreign-key-not-valid': () => import('./statement.add-foreign-key-not-valid.js'),
  'statement.check-set-role-variable': () => import('./statement.check-set-role-variable.js'),
  'statement.create-specify-schema': () => import('./statement.create-specify-schema.js'),
  'statement.disallow-add-column-with-default': () => import('./statement.disallow-add-column-with-default.js'),
  'statement.disallow-add-not-null': () => import('./statement.disallow-add-not-null.js'),
  'statement.disallow-commit': () => import('./statement.disallow-commit.js'),
  'statement.disallow-on-del-cascade': () => import('./statement.disallow-on-del-cascade.js'),
  'statement.disallow-rm-tbl-cascade': () => import('./statement.disallow-rm-tbl-cascade.js'),
  'statement.disallow-truncate': () => import('./statement.disallow-truncate.js'),
  'statement.insert.disallow-order-by-rand': () => import('./statement.insert.disallow-order-by-rand.js'),
  'statement.insert.must-specify-column': () => import('./statement.insert.must-specify-column.js'),
  'statement.insert.row-limit': () => import('./statement.insert.row-limit.js'),
  'statement.maximum-sql-size': () => import('./statement.maximum-sql-size.js'),
  'statement.merge-alter-table': () => import('./statement.merge-alter-table.js'),
  'statement.non-transactional': () => import('./statement.non-transactional.js'),
  'statement.object-owner-check': () => import('./statement.object-owner-check.js'),
  'statement.prior-backup-check': () => import('./statement.prior-backup-check.js'),
  'statement.select.no-select-all': () => import('./statement.select.no-select-all.js'),
  'statement.where.disallow-functions-and-calculations': () => import('./statement.where.disallow-functions-and-calculations.js'),
  'statement.where.no-leading-wildcard-like': () => import('./statement.where.no-leading-wildcard-like.js'),
  'statement.where.require.select': () => import('./statement.where.require.select.js'),
  'statement.where.require.update-delete': () => import('./statement.where.require.update-delete.js'),
  'table.comment': () => import('./table.comment.js'),
  'table.disallow-partition': () => import('./table.disallow-partition.js'),
  'table.drop-naming-convention': () => import('./table.drop-naming-convention.js'),
  'table.no-foreign-key': () => import('./table.no-foreign-key.js'),
  'table.require-pk': () => import('./table.require-pk.js'),
};
