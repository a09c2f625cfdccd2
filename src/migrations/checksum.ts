import { createHash } from 'node:crypto';
import type { Checksum } from './model.js';

/** Removes a BOM and normalises CRLF/CR to LF: a checkout on Windows never changes a checksum. */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

export function checksum(text: string): Checksum {
  return `sha256:${createHash('sha256').update(normalizeText(text)).digest('hex')}`;
}

/** Hash of one statement's text, stored per applied statement so a resume can verify it. */
export function statementHash(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 16);
}
