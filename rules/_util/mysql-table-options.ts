/** MySQL CREATE/ALTER TABLE options (CHARSET, COLLATE; ALTER's ALGORITHM, LOCK) as the adapter reports them (keys upper case, maybe with DEFAULT). */
import type { StatementFacts } from '../../src/lint/facts.js';

export function tableCharset(options: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!options) return undefined;
  for (const [k, v] of Object.entries(options)) if (/^(DEFAULT\s+)?(CHARSET|CHARACTER\s+SET)$/i.test(k)) return v;
  return undefined;
}

export function tableCollation(options: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!options) return undefined;
  for (const [k, v] of Object.entries(options)) if (/^(DEFAULT\s+)?COLLATE$/i.test(k)) return v;
  return undefined;
}

/** ALTER TABLE … [DEFAULT] CHARSET=… / CONVERT TO CHARACTER SET … (parsed or not). */
export function alterSetsCharset(facts: StatementFacts, text: string): boolean {
  if ((facts.alterTable?.actions ?? []).some((a) => a.type === 'set-option' && /CHARSET|CHARACTER\s+SET/i.test(a.option))) return true;
  return /^\s*ALTER\s+TABLE\b[\s\S]*\b(CONVERT\s+TO\s+)?(CHARSET|CHARACTER\s+SET)\b/i.test(text) && !facts.alterTable?.actions.some((a) => a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column');
}

/** The values MySQL accepts for each option: a column named `lock_version` or `algorithm` is not the option. */
const OPTION_VALUES = {
  ALGORITHM: 'DEFAULT|INSTANT|INPLACE|COPY|NOCOPY',
  LOCK: 'DEFAULT|NONE|SHARED|EXCLUSIVE',
} as const;

/** ALTER TABLE … sets `option` (ALGORITHM, LOCK): as a parsed action, or written in the text outside strings and quoted names. */
export function alterSetsOption(facts: StatementFacts, text: string, option: 'ALGORITHM' | 'LOCK'): boolean {
  if (facts.alterTable?.actions.some((a) => a.type === 'set-option' && a.option === option)) return true;
  const bare = text.replace(/'(?:[^']|'')*'/g, "''").replace(/`(?:[^`]|``)*`/g, '``');
  return new RegExp(`\\b${option}\\s*(=\\s*)?(${OPTION_VALUES[option]})\\b`, 'i').test(bare);
}
