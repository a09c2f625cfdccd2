/**
 * Every built-in rule, by id, sorted; each entry imports its module lazily. A rule registers by
 * adding its line here (file name = rule id); test/rules.parity.test.ts checks that this map, the
 * files, the tests and docs/rules/*.md agree.
 */
/** The module's default export is a defineRule() result; the registry checks its shape. */
type Loader = () => Promise<{ default: { readonly meta: { readonly id: string } } }>;

export const RULES: Readonly<Record<string, Loader>> = {
  'table.require-pk': () => import('./table.require-pk.js'),
};
