/** Replaces the password of every URL in a text with ***; used on every URL and error bb prints. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)([^@/]*)@/i, (_m, head: string, pass: string) => (pass === '' ? `${head}@` : `${head}***@`))
    .replace(/([?&](?:password|pass|pwd|token|secret|sslpassword)=)[^&#]*/gi, '$1***');
}

/** Removes known secrets (passwords of configured URLs) from any text, e.g. a driver's error message. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@/\s]+)@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

/** The password of a URL (decoded), for redactText. */
export function passwordOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:([^@/]*)@/i.exec(url);
  if (!m || !m[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
