import { createHash } from 'node:crypto';

export { fileLock } from '../../src/util/file-lock.js';

/**
 * The advisory lock id for a key: the first 8 bytes of its SHA-256 as a signed 64-bit integer (text,
 * because pg binds bigint parameters as strings). Derived from the schema-qualified history table, so
 * two schemas or databases never block each other.
 */
export function advisoryKey(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}
