import type { OutputFormat } from '../output/print.js';

/** Options every command takes (DESIGN: --env, --config, --format, --no-color, --quiet). */
export interface GlobalOptions {
  readonly config?: string;
  readonly env?: string;
  readonly format: OutputFormat;
  readonly color: boolean;
  readonly quiet: boolean;
}

/** What a command gets besides its options: where it runs and how to report progress. */
export interface CommandContext {
  readonly cwd: string;
  readonly signal: AbortSignal;
  /** Progress and notices for humans (stderr); silent with --quiet or a machine format. */
  progress(line: string): void;
  /**
   * A note that the command line was not taken as written (an option that did not apply, an argument
   * skipped): on stderr as "note: …" in every format, so that it reaches a person without entering a
   * machine format's stdout; silent with --quiet.
   */
  notice(line: string): void;
  readonly interactive: boolean;
}

/** What a command returns: data for the output layer and the exit code it implies. */
export interface CommandOutput {
  /** Selects the renderer in src/output/render.ts. */
  readonly kind: string;
  readonly data: unknown;
  readonly exitCode: 0 | 1 | 2 | 3;
}
