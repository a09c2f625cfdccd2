import { BbError } from '../errors.js';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces ${VAR} and ${VAR:-default} with environment values. `$${` escapes a literal "${".
 * A variable that is unset (and has no default) is an error that starts with `where` (the place, as
 * Config.locate prints it: `bb.config.yaml:9: environments[0].targets.app.urls[1]`) and names the
 * variable. `where` may be a function: a line number costs a second parse of the config, which only
 * the error should pay for.
 */
export function interpolate(text: string, where: string | (() => string), env: NodeJS.ProcessEnv = process.env): string {
  if (!text.includes('${')) return text;
  return text.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (match, name: string, fallback: string | undefined) => {
    if (match.startsWith('$$')) return match.slice(1);
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new BbError('config', `${typeof where === 'function' ? where() : where}: environment variable ${name} is not set.`, {
      hint: `Set ${name}, or write \${${name}:-default} in the config to give it a default.`,
      code: 'config.missing-variable',
    });
  });
}

/** Names of the variables a text refers to. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VAR)].map((m) => m[1]!);
}

/**
 * Interpolates every string in a plain value, depth first; `skip` leaves a subtree as written. `path`
 * is the value's key path and `locate` prints a key path for the error (Config.locate).
 */
export function interpolateDeep(
  value: unknown,
  path: readonly (string | number)[],
  skip: (path: readonly (string | number)[]) => boolean,
  locate: (path: readonly (string | number)[]) => string,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  if (skip(path)) return value;
  if (typeof value === 'string') return interpolate(value, () => locate(path), env);
  if (Array.isArray(value)) return value.map((v, i) => interpolateDeep(v, [...path, i], skip, locate, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, [...path, k], skip, locate, env)]));
  }
  return value;
}
