import type { ClickHouseFacts } from './parse.js';

/**
 * A statement as messages name it: its leading keywords and the object's name (`CREATE TABLE IF NOT
 * EXISTS events`, `CREATE MATERIALIZED VIEW events_mv`, `ALTER TABLE db.events`); the first three
 * words when it names no object.
 */
export function statementLabel(text: string, facts: ClickHouseFacts): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const keywords = /^[A-Za-z]+(?: (?:OR REPLACE|TEMPORARY|MATERIALIZED|LIVE|WINDOW|TABLES?|VIEW|DICTIONARY|DATABASE|FUNCTION|IF NOT EXISTS|IF EXISTS)\b)*/i.exec(flat)?.[0];
  if (!facts.table || !keywords) return flat.split(' ').slice(0, 3).join(' ');
  const quote = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``);
  return `${keywords} ${facts.table.database !== undefined ? `${quote(facts.table.database)}.` : ''}${quote(facts.table.name)}`;
}
