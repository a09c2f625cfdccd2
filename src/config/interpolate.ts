import { BbError } from '../errors.js';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces ${VAR} and ${VAR:-default} with environment values. `$${` escapes a literal "${".
 * A variable that is unset (and has no default) is an error naming it and where it is used.
 */
export function interpolate(text: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!text.includes('${')) return text;
  return text.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (match, name: string, fallback: string | undefined) => {
    if (match.startsWith('$$')) return match.slice(1);
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new BbError('config', `Environment variable ${name} is not set (used in ${where}).`, {
      hint: `Set ${name}, or write \${${name}:-default} in the config to give it a default.`,
      code: 'config.missing-variable',
    });
  });
}

/** Names of the variables a text refers to. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VAR)].map((m) => m[1]!);
}

/** Interpolates every string in a plain value, depth first; `skip` leaves a subtree as written. */
export function interpolateDeep(value: unknown, where: string, skip: (path: string) => boolean, env: NodeJS.ProcessEnv = process.env): unknown {
  if (skip(where)) return value;
  if (typeof value === 'string') return interpolate(value, where, env);
  if (Array.isArray(value)) return value.map((v, i) => interpolateDeep(v, `${where}[${i}]`, skip, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, where ? `${where}.${k}` : k, skip, env)]));
  }
  return value;
}
