/**
 * Whether two target URLs name one database, for refusing a group whose `urls:` list one twice. The
 * engine says how its schemes spell a database (Engine.urlForms); this module applies that, so core
 * knows no engine's ports or schemes. Only for comparing: bb prints and connects to URLs as written.
 */
import { isAbsolute, normalize, resolve } from 'node:path';
import type { UrlForm } from '../engine.js';

/**
 * A key that is equal for two URLs of one database: without user and password; for a server URL the
 * scheme's canonical spelling, the host in lower case and the engine's default port filled in; for a
 * folder URL the folder resolved against `baseDir`. A scheme the engine does not describe, or a URL
 * that does not have the described shape, keeps its text (without credentials).
 */
export function databaseKey(url: string, forms: Readonly<Record<string, UrlForm>> | undefined, baseDir: string): string {
  const bare = withoutCredentials(url);
  const m = /^([a-z][a-z0-9+.-]*:)(.*)$/is.exec(bare);
  const scheme = m?.[1]?.toLowerCase();
  const form = scheme ? forms?.[scheme] : undefined;
  if (!m || !scheme || !form) return bare;
  if (form.kind === 'folder') {
    const rest = m[2]!.replace(/^\/\//, '');
    const q = rest.search(/[?#]/);
    const [path, query] = q < 0 ? [rest, ''] : [rest.slice(0, q), rest.slice(q)];
    if (path === '' || path === ':memory:') return bare;
    let folder = path;
    try {
      folder = decodeURIComponent(path);
    } catch {
      /* compare as written */
    }
    return `${scheme}//${isAbsolute(folder) ? normalize(folder) : resolve(baseDir, folder)}${query}`;
  }
  const s = /^\/\/(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([/?#].*)?$/s.exec(m[2]!);
  if (!s) return bare;
  const written = s[2] ? Number(s[2]) : undefined;
  const port = written ?? form.defaultPort;
  return `${form.sameAs ?? scheme}//${s[1]!.toLowerCase()}${port !== undefined ? `:${port}` : ''}${s[3] ?? ''}`;
}

/** A URL without its user and password: who connects does not change which database it names. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)(?:[^:/?#@]*:[^?#]*|[^:/?#@]*)@/i, '$1');
}
