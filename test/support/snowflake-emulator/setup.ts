/** The PostgreSQL objects behind the emulator: helper functions and Snowflake-shaped INFORMATION_SCHEMA views. */
export function setupSql(database: string): string {
  const db = database.replace(/'/g, "''");
  const swap = (expr: string): string => `translate(${expr}, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')`;
  const userSchemas = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'sf_emulator', 'sf_information_schema')`;
  return `
SET TimeZone = 'UTC';
CREATE SCHEMA sf_emulator;
CREATE SCHEMA sf_information_schema;
-- The original text of CREATE VIEW statements (GET_DDL returns it), and the constraints Snowflake
-- declares but does not enforce (kept out of PostgreSQL so that it does not enforce them either).
CREATE TABLE sf_emulator.views (schema_name text NOT NULL, view_name text NOT NULL, ddl text NOT NULL, PRIMARY KEY (schema_name, view_name));
CREATE TABLE sf_emulator.constraints (schema_name text NOT NULL, table_name text NOT NULL, definition text NOT NULL);
CREATE TABLE sf_emulator.tables (schema_name text NOT NULL, table_name text NOT NULL, transient boolean NOT NULL, PRIMARY KEY (schema_name, table_name));

CREATE FUNCTION sf_emulator.iff(boolean, anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 THEN $2 ELSE $3 END';
CREATE FUNCTION sf_emulator.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END';
CREATE FUNCTION sf_emulator.zeroifnull(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, 0)';
CREATE FUNCTION sf_emulator.parse_json(text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS 'SELECT $1::jsonb';
CREATE FUNCTION sf_emulator.to_varchar(anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE FUNCTION sf_emulator.to_number(text) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1::numeric';
CREATE FUNCTION sf_emulator.sysdate() RETURNS timestamp LANGUAGE sql STABLE AS $$SELECT now() AT TIME ZONE 'UTC'$$;
CREATE FUNCTION sf_emulator.dateadd(unit text, n numeric, ts timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
  $$SELECT ts + make_interval(secs => n * CASE lower(unit) WHEN 'millisecond' THEN 0.001 WHEN 'ms' THEN 0.001 WHEN 'second' THEN 1 WHEN 'seconds' THEN 1 WHEN 's' THEN 1
     WHEN 'minute' THEN 60 WHEN 'minutes' THEN 60 WHEN 'hour' THEN 3600 WHEN 'hours' THEN 3600 WHEN 'day' THEN 86400 WHEN 'days' THEN 86400 ELSE 1 END)$$;
CREATE FUNCTION sf_emulator.dateadd(unit text, n numeric, ts timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS
  $$SELECT (sf_emulator.dateadd(unit, n, ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')$$;
CREATE FUNCTION sf_emulator.datediff(unit text, a timestamptz, b timestamptz) RETURNS numeric LANGUAGE sql IMMUTABLE AS
  $$SELECT trunc(extract(epoch FROM (b - a)) / CASE lower(unit) WHEN 'millisecond' THEN 0.001 WHEN 'ms' THEN 0.001 WHEN 'minute' THEN 60 WHEN 'hour' THEN 3600 WHEN 'day' THEN 86400 ELSE 1 END)$$;

-- Snowflake's type names for a PostgreSQL type, as INFORMATION_SCHEMA.COLUMNS.DATA_TYPE and GET_DDL show them.
CREATE FUNCTION sf_emulator.data_type(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN t LIKE 'numeric%' OR t IN ('bigint', 'integer', 'smallint') THEN 'NUMBER'
    WHEN t IN ('text') OR t LIKE 'character%' THEN 'TEXT'
    WHEN t = 'boolean' THEN 'BOOLEAN' WHEN t = 'date' THEN 'DATE' WHEN t LIKE 'time without%' THEN 'TIME'
    WHEN t LIKE 'timestamp without%' THEN 'TIMESTAMP_NTZ' WHEN t LIKE 'timestamp with %' THEN 'TIMESTAMP_LTZ'
    WHEN t IN ('double precision', 'real') THEN 'FLOAT' WHEN t IN ('jsonb', 'json') THEN 'VARIANT' WHEN t = 'bytea' THEN 'BINARY'
    ELSE upper(t) END $$;
CREATE FUNCTION sf_emulator.full_type(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN t ~ '^numeric\\(' THEN 'NUMBER' || regexp_replace(substr(t, 8), ' ', '', 'g')
    WHEN t IN ('numeric', 'bigint', 'integer', 'smallint') THEN 'NUMBER(38,0)'
    WHEN t = 'text' THEN 'VARCHAR(16777216)'
    WHEN t ~ '^character varying\\(' THEN 'VARCHAR' || substr(t, 18)
    WHEN t ~ '^character\\(' THEN 'VARCHAR' || substr(t, 10)
    WHEN t LIKE 'time without%' THEN 'TIME(9)'
    WHEN t LIKE 'timestamp without%' THEN 'TIMESTAMP_NTZ(9)' WHEN t LIKE 'timestamp with %' THEN 'TIMESTAMP_LTZ(9)'
    WHEN t = 'bytea' THEN 'BINARY(8388608)'
    ELSE sf_emulator.data_type(t) END $$;

CREATE VIEW sf_information_schema.databases AS
  SELECT '${db}'::text AS database_name, 'BB'::text AS database_owner, 'NO'::text AS is_transient, NULL::text AS comment;
CREATE VIEW sf_information_schema.schemata AS
  SELECT '${db}'::text AS catalog_name, ${swap('n.nspname')} AS schema_name, NULL::text AS comment
    FROM pg_namespace n WHERE n.nspname ${userSchemas} AND n.nspname NOT LIKE 'pg_%'
  UNION ALL SELECT '${db}', 'INFORMATION_SCHEMA', NULL;
CREATE VIEW sf_information_schema.tables AS
  SELECT '${db}'::text AS table_catalog, ${swap('n.nspname')} AS table_schema, ${swap('c.relname')} AS table_name,
         CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
         CASE WHEN coalesce(t.transient, false) THEN 'YES' ELSE 'NO' END AS is_transient,
         obj_description(c.oid, 'pg_class') AS comment, c.reltuples::bigint AS row_count
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN sf_emulator.tables t ON t.schema_name = n.nspname AND t.table_name = c.relname
   WHERE c.relkind IN ('r', 'v', 'p') AND n.nspname ${userSchemas} AND n.nspname NOT LIKE 'pg_%';
CREATE VIEW sf_information_schema.columns AS
  SELECT '${db}'::text AS table_catalog, ${swap('n.nspname')} AS table_schema, ${swap('c.relname')} AS table_name,
         ${swap('a.attname')} AS column_name, a.attnum::int AS ordinal_position,
         pg_get_expr(d.adbin, d.adrelid) AS column_default,
         CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
         sf_emulator.data_type(format_type(a.atttypid, a.atttypmod)) AS data_type,
         CASE WHEN t.typname IN ('text', 'varchar', 'bpchar') THEN coalesce(nullif(a.atttypmod, -1) - 4, 16777216) END AS character_maximum_length,
         CASE WHEN t.typname = 'numeric' THEN coalesce(nullif((a.atttypmod - 4) >> 16, -1), 38) WHEN t.typname IN ('int2', 'int4', 'int8') THEN 38 END AS numeric_precision,
         CASE WHEN t.typname = 'numeric' THEN CASE WHEN a.atttypmod = -1 THEN 0 ELSE (a.atttypmod - 4) & 65535 END WHEN t.typname IN ('int2', 'int4', 'int8') THEN 0 END AS numeric_scale,
         CASE WHEN t.typname IN ('timestamp', 'timestamptz', 'time') THEN 9 END AS datetime_precision,
         col_description(c.oid, a.attnum) AS comment
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'p') AND n.nspname ${userSchemas} AND n.nspname NOT LIKE 'pg_%';
CREATE VIEW sf_information_schema.views AS
  SELECT '${db}'::text AS table_catalog, ${swap('n.nspname')} AS table_schema, ${swap('c.relname')} AS table_name,
         coalesce(v.ddl, pg_get_viewdef(c.oid)) AS view_definition, 'NO'::text AS is_secure,
         obj_description(c.oid, 'pg_class') AS comment
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN sf_emulator.views v ON v.schema_name = n.nspname AND v.view_name = c.relname
   WHERE c.relkind = 'v' AND n.nspname ${userSchemas} AND n.nspname NOT LIKE 'pg_%';
`;
}
