/**
 * Flag values that commander passes through as text, checked before anything connects, with one
 * wording for each kind of value (and a small module, so that a command checking a flag does not
 * load another command's).
 */
import { BbError } from '../errors.js';
import { isVersionText } from '../migrations/version.js';

/** A number of seconds (--timeout, --lock-timeout): 0 or more, fractions allowed. */
export function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new BbError('usage', `${flag} must be a number of seconds, got "${value}".`, { hint: `For example ${flag} 30.` });
  return n;
}

/** A number of seconds above 0 (bb query's --timeout: there is always a deadline, and 0 would cancel every query at once). */
export function positiveSeconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new BbError('usage', `${flag} must be a number of seconds above 0, got "${value}".`, { hint: `For example ${flag} 30; raise it for long exports.`, code: 'usage.timeout' });
  return n;
}

/** A whole number of 1 or more (--limit, --steps); `fallback` when the flag is not given. */
export function positiveWhole(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BbError('usage', `${flag} must be a positive whole number, got "${value}".`, { hint: `For example ${flag} ${fallback}.` });
  return n;
}

/** A migration version (--to, --version, --data): digits with . _ or - between them, as in file names. */
export function version(value: string, flag: string): string {
  if (!isVersionText(value)) throw new BbError('usage', `${flag} "${value}" is not a version.`, { hint: 'Give a version such as 0042 or 1.2, as the migration files name them (bb status lists them).', code: 'usage.version' });
  return value;
}
