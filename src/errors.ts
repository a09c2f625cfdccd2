/**
 * The one error type of bb. Every failure a user can cause or meet is a BbError whose message names
 * the thing (file, key, target) and whose hint says the next step. Only src/cli/main.ts turns it into
 * output and an exit code.
 */
export type ErrorKind =
  | 'usage' | 'config' | 'migration-dir'
  | 'connect' | 'lock'
  | 'checksum' | 'history' | 'gate' | 'apply' | 'lint' | 'drift'
  | 'internal';

export class BbError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  /** Short machine-readable code, stable across versions (e.g. `config.unknown-key`). */
  readonly code: string;

  constructor(kind: ErrorKind, message: string, options: { hint?: string | undefined; cause?: unknown; code?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BbError';
    this.kind = kind;
    this.hint = options.hint;
    this.code = options.code ?? kind;
  }
}

/** 1 findings/failed/drift, 2 usage/config, 3 connect/lock. Anything that is not a BbError is a bug: 1. */
export function exitCode(error: unknown): 1 | 2 | 3 {
  if (!(error instanceof BbError)) return 1;
  switch (error.kind) {
    case 'usage':
    case 'config':
    case 'migration-dir':
      return 2;
    case 'connect':
    case 'lock':
      return 3;
    default:
      return 1;
  }
}

export function isBbError(error: unknown): error is BbError {
  return error instanceof BbError;
}

/** The server's or library's own message, without a stack, for attaching to a BbError message. */
export function causeMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const prefix = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `[${code}] ` : '';
    return prefix + error.message;
  }
  return String(error);
}
