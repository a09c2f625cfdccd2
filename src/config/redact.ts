/**
 * Passwords out of URLs and texts. A password written with an unencoded `@`, `/`, `#` or `?` in it
 * (`postgres://app:Sup3r@Secret@host/db`, `mysql://app:123#abc@host/db`) is still a password: WHATWG and
 * the drivers disagree on where such a userinfo ends, so bb hides everything from after `user:` up to
 * the last `@` that can end a userinfo: the last one, unless what comes before it reads as a path
 * followed by a query (`…@h/db?application_name=a@b`: that `@` is the query's) and an earlier `@` can
 * end it, or the URL has no password (`scheme://host:5432/db?x=a@b`). Hiding too much in an odd URL is
 * the safe side of the mistake.
 */
const URL_HEAD = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:/i;
const QUERY_SECRET = /([?&](?:password|pass|pwd|token|secret|sslpassword)=)[^&#]*/gi;

/** In `rest` (what follows `scheme://user:`), the index of the `@` that ends the password, if any. */
function passwordEnd(rest: string): number | undefined {
  let last: number | undefined;
  for (let at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
    if (!/\/.*\?/s.test(rest.slice(0, at))) return at;
    last ??= at;
    if (at === 0) break;
  }
  // Every `@` follows a `/` and a `?`. After `scheme://host:5432/` they are the query's (there is no
  // password); otherwise the password itself has a `/` and a `?` in it (`u:pa/ss?word@host/db`), and
  // it runs up to the last `@`.
  return last !== undefined && !/^\d*\//.test(rest) ? last : undefined;
}

/** `rest` (what follows `scheme://user:`) with its password replaced by ***. */
function hidePassword(rest: string): string {
  const end = passwordEnd(rest);
  return end === undefined ? rest : `${end === 0 ? '' : '***'}${rest.slice(end)}`;
}

/** Replaces the password of a URL with ***; used on every URL bb prints. */
export function redactUrl(url: string): string {
  const head = URL_HEAD.exec(url)?.[0];
  const hidden = head ? head + hidePassword(url.slice(head.length)) : url;
  return hidden.replace(QUERY_SECRET, '$1***');
}

/** Removes known secrets (passwords of configured URLs) from any text, e.g. a driver's error message. */
export function redactText(text: string, secrets: readonly string[]): string {
  // Within text a URL ends at whitespace: its password runs up to the last `@` before that (as in redactUrl).
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)(\S+)/gi, (_m, head: string, rest: string) => head + hidePassword(rest));
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * The user name and password of a URL as written (`user:pa/ss?word`), read as redactUrl reads them, or
 * undefined when the URL has no `user:` before an `@`. readServerUrl refuses a `/` or `?` in them.
 */
export function userinfoOf(url: string): string | undefined {
  const head = URL_HEAD.exec(url)?.[0];
  const end = head ? passwordEnd(url.slice(head.length)) : undefined;
  return head && end !== undefined ? url.slice(url.indexOf('//') + 2, head.length + end) : undefined;
}

/** The password of a URL (decoded), for redactText. */
export function passwordOf(url: string): string | undefined {
  const head = URL_HEAD.exec(url)?.[0];
  const end = head ? passwordEnd(url.slice(head.length)) : undefined;
  if (!head || !end) return undefined;
  const raw = url.slice(head.length, head.length + end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
