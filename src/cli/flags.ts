/**
 * Flag values that commander passes through as text, checked before anything connects, with one
 * wording for each kind of value (and a small module, so that a command checking a flag does not
 * load another command's).
 */
import { BbError } from '../errors.js';
import { isVersionText } from '../migrations/version.js';

/**
 * A number of seconds (--timeout, --lock-timeout), fractions allowed: 0 or more, or with `aboveZero`
 * more than 0 (for a deadline that always exists). `hint` and `code` replace the refusal's defaults
 * (`For example <flag> 30.`, `usage`).
 */
export function seconds(value: string, flag: string, options: { aboveZero?: boolean; hint?: string; code?: string } = {}): number {
  const n = Number(value);
  if (Number.isFinite(n) && (options.aboveZero ? n > 0 : n >= 0)) return n;
  throw new BbError('usage', `${flag} must be a number of seconds${options.aboveZero ? ' above 0' : ''}, got "${value}".`, { hint: options.hint ?? `For example ${flag} 30.`, ...(options.code ? { code: options.code } : {}) });
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
