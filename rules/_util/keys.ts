/** The indexes and key constraints a statement declares, for the rules that check them. */
import type { ConstraintFacts, StatementFacts } from '../../src/lint/facts.js';

/** The constraints CREATE TABLE declares and ALTER TABLE … ADD CONSTRAINT adds (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK). */
export function declaredConstraints(facts: StatementFacts): ConstraintFacts[] {
  return [...(facts.createTable?.constraints ?? []), ...(facts.alterTable?.actions ?? []).flatMap((a) => (a.type === 'add-constraint' ? [a.constraint] : []))];
}

/** An index's column list, with the words a message names it by. */
export interface IndexColumns {
  /** `Index <name>`, or `Index on <table>` when it has none. */
  readonly what: string;
  readonly columns: readonly string[];
  readonly at?: number;
}

/**
 * The plain indexes a statement creates: CREATE INDEX, and MySQL's KEY/INDEX/FULLTEXT inside CREATE
 * TABLE and ALTER TABLE … ADD INDEX. Unique keys inside CREATE TABLE are left out: they come as
 * constraints (declaredConstraints).
 */
export function indexColumnLists(facts: StatementFacts): IndexColumns[] {
  const out: IndexColumns[] = [];
  const ix = facts.createIndex;
  if (ix) out.push({ what: `Index ${ix.name ?? `on ${ix.table.name}`}`, columns: ix.columns });
  const ct = facts.createTable;
  for (const i of ct?.indexes ?? []) if (!i.unique) out.push({ what: `Index ${i.name ?? `on ${i.table.name}`}`, columns: i.columns, ...(ct!.table.at !== undefined ? { at: ct!.table.at } : {}) });
  for (const a of facts.alterTable?.actions ?? []) if (a.type === 'add-index') out.push({ what: `Index ${a.index.name ?? `on ${a.index.table.name}`}`, columns: a.index.columns, ...(a.at !== undefined ? { at: a.at } : {}) });
  return out;
}
