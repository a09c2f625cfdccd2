/**
 * A small schema model built by replaying statement facts (schema.walk-through): tables, their
 * columns and indexes. It is engine-neutral and deliberately forgiving: a statement it does not
 * understand changes nothing. Names compare case-insensitively; an unqualified lookup matches a table
 * in any schema.
 */
import type { ColumnFacts, IndexFacts, ObjectName, StatementFacts } from './facts.js';

export interface TableModel {
  readonly schema?: string;
  readonly name: string;
  readonly columns: Map<string, ColumnFacts>;
  /** False for CREATE TABLE … AS / views: the columns are not written out. */
  readonly columnsKnown: boolean;
  readonly view?: boolean;
  /** Views: what they read (facts.create.reads), so a rule can tell which views a column change breaks. */
  readonly reads?: readonly { readonly table: ObjectName; readonly columns: readonly string[] | '*' }[];
  readonly indexes: Map<string, IndexFacts>;
  /** Path of the file that created it (for messages). */
  readonly createdBy?: string;
}

/** A SchemaModel as plain data: its maps as lists of entries. */
export interface SchemaModelData {
  readonly tables: readonly (readonly [string, readonly (Omit<TableModel, 'columns' | 'indexes'> & { readonly columns: readonly [string, ColumnFacts][]; readonly indexes: readonly [string, IndexFacts][] })[]])[];
  readonly indexNames: readonly string[];
  readonly opaque: boolean;
}

const key = (n: string): string => n.toLowerCase();

/** A table with maps of its own (from a model's table or its data form): the copy changes, not the source. */
const tableCopy = (t: Omit<TableModel, 'columns' | 'indexes'> & { readonly columns: Iterable<readonly [string, ColumnFacts]>; readonly indexes: Iterable<readonly [string, IndexFacts]> }): TableModel =>
  ({ ...t, columns: new Map(t.columns), indexes: new Map(t.indexes) });

export class SchemaModel {
  readonly tables = new Map<string, TableModel[]>();
  readonly indexNames = new Set<string>();
  /** True once a replayed statement ran code the model cannot follow (DO blocks, CALL). */
  opaque = false;
  /**
   * The tables holding each index name: DROP INDEX does not name its table, and looking through every
   * table for each one made a long replay quadratic. Kept by setIndex/deleteIndex/removeTable.
   */
  #indexTables = new Map<string, Set<TableModel>>();

  clone(): SchemaModel {
    const copy = new SchemaModel();
    for (const [k, list] of this.tables) copy.#addTables(k, list.map(tableCopy));
    for (const n of this.indexNames) copy.indexNames.add(n);
    copy.opaque = this.opaque;
    return copy;
  }

  /** Adds tables as they are (clone, fromData), indexes included. */
  #addTables(k: string, list: TableModel[]): void {
    this.tables.set(k, list);
    for (const t of list) for (const i of t.indexes.keys()) this.#owners(i).add(t);
  }

  #owners(index: string): Set<TableModel> {
    let owners = this.#indexTables.get(index);
    if (!owners) this.#indexTables.set(index, (owners = new Set()));
    return owners;
  }

  #setIndex(t: TableModel, k: string, index: IndexFacts): void {
    t.indexes.set(k, index);
    this.#owners(k).add(t);
  }

  #deleteIndex(t: TableModel, k: string): void {
    t.indexes.delete(k);
    this.#indexTables.get(k)?.delete(t);
  }

  /** Plain data (JSON-safe) for the replay cache (replay-cache.ts); fromData() rebuilds the same model. */
  toData(): SchemaModelData {
    return {
      tables: [...this.tables].map(([k, list]) => [k, list.map((t) => ({ ...t, columns: [...t.columns], indexes: [...t.indexes] }))]),
      indexNames: [...this.indexNames],
      opaque: this.opaque,
    };
  }

  static fromData(data: SchemaModelData): SchemaModel {
    const model = new SchemaModel();
    for (const [k, list] of data.tables) model.#addTables(k, list.map(tableCopy));
    for (const n of data.indexNames) model.indexNames.add(n);
    model.opaque = data.opaque;
    return model;
  }

  get size(): number {
    return this.tables.size;
  }

  table(name: ObjectName | string): TableModel | undefined {
    const ref = typeof name === 'string' ? splitName(name) : name;
    const list = this.tables.get(key(ref.name));
    if (!list || list.length === 0) return undefined;
    if (ref.schema === undefined) return list[0];
    return list.find((t) => t.schema === undefined || key(t.schema) === key(ref.schema!));
  }

  hasTable(name: ObjectName | string): boolean {
    return this.table(name) !== undefined;
  }

  private addTable(name: ObjectName, createdBy: string | undefined, columnsKnown = true, view = false, reads?: TableModel['reads']): TableModel {
    const t: TableModel = { ...(name.schema !== undefined ? { schema: name.schema } : {}), name: name.name, columns: new Map(), indexes: new Map(), columnsKnown, ...(view ? { view } : {}), ...(reads ? { reads } : {}), ...(createdBy ? { createdBy } : {}) };
    const list = this.tables.get(key(name.name)) ?? [];
    list.push(t);
    this.tables.set(key(name.name), list);
    return t;
  }

  private removeTable(name: ObjectName): void {
    const t = this.table(name);
    if (!t) return;
    const list = this.tables.get(key(name.name))!.filter((x) => x !== t);
    if (list.length === 0) this.tables.delete(key(name.name));
    else this.tables.set(key(name.name), list);
    for (const i of t.indexes.keys()) {
      this.indexNames.delete(i);
      this.#indexTables.get(i)?.delete(t);
    }
  }

  /** Applies one statement's facts. Never throws. */
  apply(facts: StatementFacts, createdBy?: string): void {
    if (facts.createTable) {
      const ct = facts.createTable;
      if (!(ct.ifNotExists && this.hasTable(ct.table))) {
        this.removeTable(ct.table);
        const t = this.addTable(ct.table, createdBy, !ct.asSelect);
        for (const c of ct.columns) t.columns.set(key(c.name), c);
        // MySQL lists the indexes of CREATE TABLE (names are per table there: not added to indexNames).
        for (const i of ct.indexes ?? []) this.#setIndex(t, key(i.name ?? `${ct.table.name}_${i.columns.join('_')}_idx`), i);
      }
    }
    if (facts.opaque) this.opaque = true;
    if (facts.create?.name && (facts.create.object === 'view' || facts.create.object === 'materialized view')) {
      this.removeTable(facts.create.name);
      this.addTable(facts.create.name, createdBy, false, true, facts.create.reads);
    }
    if (facts.drop && (facts.drop.object === 'view' || facts.drop.object === 'matview')) for (const n of facts.drop.names) this.removeTable(n);
    if (facts.dropTable) for (const n of facts.dropTable.tables) this.removeTable(n);
    if (facts.renameTable) {
      const t = this.table(facts.renameTable.from);
      if (t) {
        this.removeTable(facts.renameTable.from);
        const moved = this.addTable({ ...(t.schema !== undefined ? { schema: t.schema } : {}), name: facts.renameTable.to.name }, t.createdBy, t.columnsKnown, t.view);
        for (const [k, v] of t.columns) moved.columns.set(k, v);
        for (const [k, v] of t.indexes) this.#setIndex(moved, k, v);
      }
    }
    if (facts.createIndex) {
      const t = this.table(facts.createIndex.table);
      const name = facts.createIndex.name ?? `${facts.createIndex.table.name}_${facts.createIndex.columns.join('_')}_idx`;
      if (t) this.#setIndex(t, key(name), facts.createIndex);
      this.indexNames.add(key(name));
    }
    if (facts.dropIndex) {
      for (const n of facts.dropIndex.names) {
        const k = key(n.name);
        this.indexNames.delete(k);
        // DROP INDEX does not name the table: every table that holds an index of that name.
        for (const t of this.#indexTables.get(k) ?? []) t.indexes.delete(k);
        this.#indexTables.delete(k);
      }
    }
    if (facts.alterTable) {
      const t = this.table(facts.alterTable.table);
      if (!t) return;
      for (const a of facts.alterTable.actions) {
        switch (a.type) {
          case 'add-column': t.columns.set(key(a.column.name), a.column); break;
          case 'drop-column': t.columns.delete(key(a.column)); break;
          case 'rename-column': {
            const c = t.columns.get(key(a.from));
            if (c) { t.columns.delete(key(a.from)); t.columns.set(key(a.to), { ...c, name: a.to }); }
            break;
          }
          case 'change-column': {
            t.columns.delete(key(a.from));
            t.columns.set(key(a.column.name), a.column);
            break;
          }
          case 'modify-column': t.columns.set(key(a.column.name), a.column); break;
          case 'alter-column-type': {
            const c = t.columns.get(key(a.column));
            if (c) t.columns.set(key(a.column), { ...a.newType, name: c.name, notNull: c.notNull, primaryKey: c.primaryKey });
            break;
          }
          case 'set-not-null': {
            const c = t.columns.get(key(a.column));
            if (c) t.columns.set(key(a.column), { ...c, notNull: true });
            break;
          }
          case 'drop-not-null': {
            const c = t.columns.get(key(a.column));
            if (c) t.columns.set(key(a.column), { ...c, notNull: false });
            break;
          }
          case 'add-index': {
            const name = a.index.name ?? `${t.name}_${a.index.columns.join('_')}_idx`;
            this.#setIndex(t, key(name), a.index);
            break;
          }
          case 'add-constraint': {
            // A primary key or unique constraint is backed by an index (MySQL names the primary key's PRIMARY).
            const c = a.constraint;
            if ((c.type !== 'primary-key' && c.type !== 'unique') || c.usingIndex) break;
            const name = c.name ?? (c.type === 'primary-key' ? 'PRIMARY' : `${t.name}_${c.columns.join('_')}_key`);
            if (!t.indexes.has(key(name))) this.#setIndex(t, key(name), { name, table: { ...(t.schema !== undefined ? { schema: t.schema } : {}), name: t.name }, columns: c.columns, unique: true });
            break;
          }
          case 'drop-index': case 'drop-constraint': this.#deleteIndex(t, key(a.name)); break;
          case 'rename-table': {
            const from: ObjectName = { ...(t.schema !== undefined ? { schema: t.schema } : {}), name: t.name };
            this.apply({ renameTable: { from, to: { name: a.to } } }, createdBy);
            return;
          }
          default: break;
        }
      }
    }
  }
}

export function splitName(name: string): ObjectName {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? { name } : { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}
