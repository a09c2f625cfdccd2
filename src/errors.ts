/**
 * The one error type of bb. Every failure a user can cause or meet is a BbError whose message names
 * the thing (file, key, target) and whose hint says the next step. Only src/cli/main.ts turns it into
 * output and an exit code.
 */
export type ErrorKind =
  | 'usage' | 'config' | 'migration-dir'
  | 'connect' | 'lock'
  | 'checksum' | 'history' | 'gate' | 'apply' | 'lint' | 'drift'
  | 'interrupted' | 'internal';

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
  return error instanceof BbError ? kindExitCode(error.kind) : 1;
}

/** The exit code of an error kind, as carried in reports (a string: JSON keeps no class). */
export function kindExitCode(kind: string): 1 | 2 | 3 {
  switch (kind) {
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

/**
 * The exit code of a command that keeps each target's error in its report instead of throwing: the
 * worst of the errors' kinds (3 connect/lock, then 2 usage/config, then 1), else 1 when `failed`
 * (a blocker, drift, a failed migration), else 0. A config error met per target (a URL of the wrong
 * scheme, an unset ${VAR}) thus exits 2 as it does when it is thrown.
 */
export function targetsExitCode(errorKinds: Iterable<string | undefined>, failed: boolean): 0 | 1 | 2 | 3 {
  let code: 0 | 1 | 2 | 3 = failed ? 1 : 0;
  for (const kind of errorKinds) if (kind !== undefined) code = Math.max(code, kindExitCode(kind)) as 1 | 2 | 3;
  return code;
}

/** The signals bb stops cleanly on (src/cli/main.ts); it then exits by the same signal, 128 + its number. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const SIGNAL_NAMES: Readonly<Record<InterruptSignal, string>> = { SIGINT: 'SIGINT (Ctrl-C)', SIGTERM: 'SIGTERM' };

/** The reason src/cli/main.ts aborts the command's AbortSignal with when the process gets `signal`. */
export function interruption(signal: InterruptSignal): BbError {
  return new BbError('interrupted', `Interrupted by ${SIGNAL_NAMES[signal]}.`, { code: `interrupted.${signal.toLowerCase()}` });
}

/**
 * "SIGINT (Ctrl-C)" or "SIGTERM" when `signal` was aborted by an interruption(), "an abort" when by
 * something else, undefined when it was not aborted: for messages that say what stopped the work.
 */
export function interruptedBy(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof BbError && reason.kind === 'interrupted') {
    const name = reason.code.slice('interrupted.'.length).toUpperCase() as InterruptSignal;
    return SIGNAL_NAMES[name] ?? name;
  }
  return 'an abort';
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

/** `message` without the `<target id>: ` it starts with: a target's error quoted where the target is already named. */
export function withoutTarget(message: string, target: { readonly id: string }): string {
  const id = `${target.id}: `;
  return message.startsWith(id) ? message.slice(id.length) : message;
}
