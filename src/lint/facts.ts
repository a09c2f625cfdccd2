/**
 * Engine-neutral facts about one statement. Each engine's parser adapter (engines/<name>/parse.ts)
 * fills them from its native tree, so that a rule shared by several engines (naming.table,
 * table.require-pk, column.no-null, …) reads `stmt.facts` and never the native AST. Every field is
 * optional: an adapter sets what it knows; a rule treats a missing field as "nothing to check".
 *
 * Offsets (`at`) are relative to the statement text (RawStatement.text), 0-based; the linter turns
 * them into file line/column. Names are as written, unquoted (PostgreSQL folds unquoted names to
 * lower case, the adapter does that).
 */

export interface ObjectName {
  /** Schema (PostgreSQL) or database (MySQL) when written; undefined when unqualified. */
  readonly schema?: string;
  readonly name: string;
  /** Offset of the name in the statement text. */
  readonly at?: number;
  /**
   * The engine treats this name case-insensitively (Snowflake: written unquoted, stored in upper case);
   * naming formats then match it ignoring case. Undefined: compare as is.
   */
  readonly caseInsensitive?: boolean;
}

export interface ColumnFacts {
  readonly name: string;
  /** As ObjectName.caseInsensitive. */
  readonly caseInsensitive?: boolean;
  /** Canonical lower-case type name: 'int4', 'int8', 'varchar', 'text', 'timestamp', 'serial', 'bigint', 'char' … */
  readonly type: string;
  /** Type modifiers as numbers where they are numbers: varchar(255) → [255]. */
  readonly typeArgs: readonly number[];
  /** The type as written, e.g. "varchar(255)" (for messages). */
  readonly typeText: string;
  readonly notNull: boolean;
  /** Explicitly NULL (MySQL `NULL`, PostgreSQL `NULL` constraint). */
  readonly explicitNull?: boolean;
  readonly primaryKey: boolean;
  readonly unique?: boolean;
  /** The DEFAULT expression as source text; undefined when none. */
  readonly default?: string;
  /** The default calls a volatile function (random(), clock_timestamp(), gen_random_uuid(), …; now() is stable). */
  readonly defaultVolatile?: boolean;
  /** serial/bigserial/smallserial, AUTO_INCREMENT, GENERATED … AS IDENTITY. */
  readonly autoIncrement?: boolean;
  readonly identity?: boolean;
  readonly generated?: boolean;
  readonly comment?: string;
  readonly charset?: string;
  readonly collation?: string;
  /** MySQL `ON UPDATE CURRENT_TIMESTAMP`: the function, e.g. "CURRENT_TIMESTAMP()". */
  readonly onUpdate?: string;
  /** Inline REFERENCES. */
  readonly references?: ForeignKeyFacts;
  readonly at?: number;
}

export interface ForeignKeyFacts {
  readonly table: ObjectName;
  readonly columns: readonly string[];
  readonly onDelete?: 'cascade' | 'set-null' | 'set-default' | 'restrict' | 'no-action';
}

export type ConstraintType = 'primary-key' | 'unique' | 'foreign-key' | 'check' | 'exclude' | 'not-null';

export interface ConstraintFacts {
  readonly type: ConstraintType;
  readonly name?: string;
  readonly columns: readonly string[];
  /** Foreign keys: the referenced table and columns, and ON DELETE. */
  readonly references?: ForeignKeyFacts;
  /** NOT VALID (PostgreSQL): the existing rows are not checked now. */
  readonly notValid?: boolean;
  /** PRIMARY KEY / UNIQUE … USING INDEX name (PostgreSQL): no index build under lock. */
  readonly usingIndex?: string;
  readonly at?: number;
}

export interface IndexFacts {
  readonly name?: string;
  readonly table: ObjectName;
  /** Column names; an expression is written as its source text in parentheses. */
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly concurrently?: boolean;
  readonly ifNotExists?: boolean;
  /** btree, hash, gin, … (PostgreSQL USING), BTREE/HASH (MySQL USING), FULLTEXT/SPATIAL. */
  readonly method?: string;
  readonly at?: number;
}

export type AlterAction =
  | { readonly type: 'add-column'; readonly column: ColumnFacts; readonly ifNotExists?: boolean; readonly at?: number }
  | { readonly type: 'drop-column'; readonly column: string; readonly cascade?: boolean; readonly at?: number }
  | { readonly type: 'alter-column-type'; readonly column: string; readonly newType: ColumnFacts; readonly using?: string; readonly at?: number }
  | { readonly type: 'set-not-null'; readonly column: string; readonly at?: number }
  | { readonly type: 'drop-not-null'; readonly column: string; readonly at?: number }
  | { readonly type: 'set-default'; readonly column: string; readonly default: string; readonly volatile?: boolean; readonly at?: number }
  | { readonly type: 'drop-default'; readonly column: string; readonly at?: number }
  | { readonly type: 'add-constraint'; readonly constraint: ConstraintFacts; readonly at?: number }
  | { readonly type: 'drop-constraint'; readonly name: string; readonly at?: number }
  | { readonly type: 'validate-constraint'; readonly name: string; readonly at?: number }
  | { readonly type: 'rename-column'; readonly from: string; readonly to: string; readonly at?: number }
  | { readonly type: 'rename-table'; readonly to: string; readonly caseInsensitive?: boolean; readonly at?: number }
  | { readonly type: 'rename-constraint'; readonly from: string; readonly to: string; readonly at?: number }
  /** MySQL CHANGE COLUMN old new type … */
  | { readonly type: 'change-column'; readonly from: string; readonly column: ColumnFacts; readonly position?: 'first' | 'after'; readonly at?: number }
  /** MySQL MODIFY COLUMN, with FIRST/AFTER when given */
  | { readonly type: 'modify-column'; readonly column: ColumnFacts; readonly position?: 'first' | 'after'; readonly at?: number }
  | { readonly type: 'add-index'; readonly index: IndexFacts; readonly at?: number }
  | { readonly type: 'drop-index'; readonly name: string; readonly at?: number }
  | { readonly type: 'set-option'; readonly option: string; readonly value?: string; readonly at?: number }
  | { readonly type: 'attach-partition' | 'detach-partition'; readonly partition: ObjectName; readonly concurrently?: boolean; readonly at?: number }
  | { readonly type: 'other'; readonly text: string; readonly at?: number };

export interface CreateTableFacts {
  readonly table: ObjectName;
  readonly columns: readonly ColumnFacts[];
  /** Table-level constraints (column-level ones stay on their column). */
  readonly constraints: readonly ConstraintFacts[];
  readonly ifNotExists: boolean;
  readonly temporary: boolean;
  readonly partitioned: boolean;
  /** MySQL: every index the CREATE TABLE defines inline (KEY, INDEX, UNIQUE, FULLTEXT, SPATIAL; the primary key as an index named PRIMARY, a column's UNIQUE as an index named after the column). */
  readonly indexes?: readonly IndexFacts[];
  /** CREATE TABLE … AS / LIKE: the columns are not written out. */
  readonly asSelect?: boolean;
  readonly comment?: string;
  /** Table options: ENGINE, CHARSET, COLLATE, … (MySQL); WITH (…) storage parameters (PostgreSQL). */
  readonly options?: Readonly<Record<string, string>>;
}

export interface DmlFacts {
  readonly table?: ObjectName;
  readonly hasWhere: boolean;
  /** INSERT: the columns listed explicitly; [] when the INSERT lists none (statement.insert.must-specify-column); undefined when unknown. */
  readonly columns?: readonly string[];
  /**
   * The columns an INSERT's column list or an UPDATE's SET assigns, in order, as written (a subfield or
   * array element keeps its path: `point.x`), with their offsets in the statement.
   */
  readonly assignments?: readonly { readonly column: string; readonly path: string; readonly at?: number }[];
  /** INSERT … VALUES: number of rows. */
  readonly rows?: number;
  readonly hasLimit?: boolean;
  readonly hasOrderBy?: boolean;
  /** INSERT … SELECT … ORDER BY rand()/random(). */
  readonly orderByRandom?: boolean;
}

export interface StatementFacts {
  /** Every table the statement writes or reads, as far as the adapter knows. */
  readonly tables?: readonly ObjectName[];
  readonly createTable?: CreateTableFacts;
  readonly alterTable?: { readonly table: ObjectName; readonly actions: readonly AlterAction[]; readonly ifExists?: boolean };
  readonly dropTable?: { readonly tables: readonly ObjectName[]; readonly cascade: boolean; readonly ifExists: boolean };
  readonly createIndex?: IndexFacts;
  readonly dropIndex?: { readonly names: readonly ObjectName[]; readonly concurrently: boolean; readonly ifExists: boolean; readonly cascade?: boolean };
  readonly renameTable?: { readonly from: ObjectName; readonly to: ObjectName };
  readonly dml?: DmlFacts;
  /** SELECT (top level): `SELECT *` used, WHERE present. */
  readonly select?: { readonly star: boolean; readonly hasWhere: boolean; readonly hasFrom: boolean };
  /** CREATE VIEW/FUNCTION/PROCEDURE/TRIGGER/EVENT/SEQUENCE/TYPE/SCHEMA/DATABASE …: the object kind and name. */
  readonly create?: {
    readonly object: string;
    readonly name?: ObjectName;
    /** Views: the tables the query reads and the columns it names ('*' when it selects every column), where the adapter knows. */
    readonly reads?: readonly { readonly table: ObjectName; readonly columns: readonly string[] | '*' }[];
  };
  /** DROP of anything that is not a table or index. */
  readonly drop?: { readonly object: string; readonly names: readonly ObjectName[]; readonly cascade: boolean };
  readonly truncate?: { readonly tables: readonly ObjectName[]; readonly cascade: boolean };
  /** COMMENT ON … IS '…' (PostgreSQL). */
  readonly comment?: { readonly object: string; readonly name: string; readonly text: string | null; readonly table?: string; readonly column?: string };
  /** SET name = value. */
  readonly set?: { readonly name: string; readonly value: string; readonly local?: boolean };
  /** BEGIN / COMMIT / ROLLBACK … */
  readonly transaction?: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'other';
  /** REINDEX, VACUUM, CLUSTER (PostgreSQL): the command and its options that matter for locking. */
  readonly maintenance?: { readonly command: 'reindex' | 'vacuum' | 'cluster'; readonly concurrently?: boolean; readonly full?: boolean };
  /** The statement runs code bb cannot see into (DO blocks, CALL): the schema model may miss its changes. */
  readonly opaque?: boolean;
  /** Engine-specific extras (an engine's own rules may read them); shared rules read only the fields above. */
  readonly [extra: string]: unknown;
}
