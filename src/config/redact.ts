/**
 * Passwords out of URLs and texts. A password written with an unencoded `@` or `/` in it
 * (`postgres://app:Sup3r@Secret@host/db`) is still a password: WHATWG and the drivers disagree on where
 * such a userinfo ends, so bb hides everything from after `user:` up to the last `@` before the query
 * string. Hiding too much in an odd URL is the safe side of the mistake.
 */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)([^?#]*)@/i;
const QUERY_SECRET = /([?&](?:password|pass|pwd|token|secret|sslpassword)=)[^&#]*/gi;

/** Replaces the password of a URL with ***; used on every URL bb prints. */
export function redactUrl(url: string): string {
  return url.replace(URL_PASSWORD, (_m, head: string, pass: string) => (pass === '' ? `${head}@` : `${head}***@`)).replace(QUERY_SECRET, '$1***');
}

/** Removes known secrets (passwords of configured URLs) from any text, e.g. a driver's error message. */
export function redactText(text: string, secrets: readonly string[]): string {
  // Within text a URL ends at whitespace: its password runs up to the last `@` before that.
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^?#\s]+)@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

/** The password of a URL (decoded), for redactText. */
export function passwordOf(url: string): string | undefined {
  const m = URL_PASSWORD.exec(url);
  if (!m || !m[2]) return undefined;
  try {
    return decodeURIComponent(m[2]);
  } catch {
    return m[2];
  }
}
