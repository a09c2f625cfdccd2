/** Shared checks of the naming.* rules. */
import { fillTemplate } from './names.js';

/** undefined when `name` matches; else the reason ('format' or 'length'). */
export function nameProblem(name: string, format: string, maxLength: number, caseInsensitive = false): 'format' | 'length' | undefined {
  // A case-insensitive name (Snowflake, unquoted) is the same object in any case: match the format ignoring case.
  if (!new RegExp(format, caseInsensitive ? 'i' : '').test(name)) return 'format';
  if (maxLength > 0 && name.length > maxLength) return 'length';
  return undefined;
}

/** The expected-name regular expression of a naming.index.* template, e.g. ^idx_users_email$. */
export function templateRegExp(template: string, values: Readonly<Record<string, string>>): string {
  return fillTemplate(template, values);
}
