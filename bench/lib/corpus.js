/**
 * A folder of plain SQL migrations (e.g. ../shared/corpora/postgres/kratos) read in place, in version
 * order, with what the adapters for other tools need to know about each file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} CorpusFile
 * @property {string} name        file name, e.g. 20150100000001000000_networks.postgres.up.sql
 * @property {string} path        absolute path
 * @property {string} version     leading digits, e.g. 20150100000001000000
 * @property {string} stem        name without .up.sql / .sql, e.g. 20150100000001000000_networks.postgres
 * @property {string} sql
 * @property {boolean} concurrently  has CREATE/DROP INDEX CONCURRENTLY: must run outside a transaction
 */

/**
 * The up-migrations of a folder (down files are skipped), sorted by numeric version, then name.
 * @param {string} dir
 * @returns {CorpusFile[]}
 */
export function readCorpus(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.sql') || name.endsWith('.down.sql')) continue;
    const match = /^(\d+)_/.exec(name);
    if (!match) throw new Error(`${join(dir, name)}: no leading version number`);
    const path = join(dir, name);
    const sql = readFileSync(path, 'utf8');
    files.push({
      name,
      path,
      version: /** @type {string} */ (match[1]),
      stem: name.replace(/(\.up)?\.sql$/, ''),
      sql,
      concurrently: /\b(CREATE|DROP)\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i.test(stripComments(sql)),
    });
  }
  files.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : a.name.localeCompare(b.name)));
  for (let i = 1; i < files.length; i++) {
    if (files[i - 1]?.version === files[i]?.version) throw new Error(`duplicate version ${files[i]?.version} in ${dir}`);
  }
  return files;
}

/**
 * The tables the corpus leaves behind, derived from its own text: CREATE TABLE adds a name, DROP TABLE
 * removes it, ALTER TABLE … RENAME TO renames it. A cheap, independent check of a tool's result
 * (it does not understand DO blocks or dynamic SQL; for kratos it names all 26 tables).
 * @param {readonly CorpusFile[]} files
 * @returns {string[]}
 */
export function expectedTables(files) {
  const ident = String.raw`(?:"?\w+"?\.)?"?(\w+)"?`;
  const re = new RegExp(
    String.raw`CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${ident}|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${ident}|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${ident}\s+RENAME\s+TO\s+${ident}`,
    'gi',
  );
  const tables = new Set();
  for (const file of files) {
    for (const m of stripComments(file.sql).matchAll(re)) {
      if (m[1]) tables.add(m[1].toLowerCase());
      else if (m[2]) tables.delete(m[2].toLowerCase());
      else if (m[3] && m[4]) {
        tables.delete(m[3].toLowerCase());
        tables.add(m[4].toLowerCase());
      }
    }
  }
  return [...tables].sort();
}

/** @param {string} sql */
function stripComments(sql) {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}
