/**
 * Every environment's history for one database, read once, with unreachable targets (and targets whose
 * URL cannot even be resolved, e.g. a secret missing in a pull-request job) kept as errors beside the
 * others instead of stopping the command. `bb review` and `bb report` read the world through this.
 */
import type { Config, EnvironmentConfig, TargetConfig } from '../config/model.js';
import type { HistoryRow, TargetRef } from '../engine.js';
import { BbError } from '../errors.js';
import { readHistories, targetsOf, type LoadedDatabase } from '../run/project.js';

export interface TargetHistory {
  readonly target: TargetRef;
  /** Undefined when the history could not be read (see error). Empty when the target has no history yet. */
  readonly rows?: readonly HistoryRow[];
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
}

export interface EnvironmentHistories {
  readonly environment: EnvironmentConfig;
  /** The target as configured: a single database or a group (tenant fleet). */
  readonly kind: TargetConfig['kind'];
  /** One per member (one for a single target). */
  readonly targets: readonly TargetHistory[];
}

/** Histories of `db` in every environment that has a target for it, in promotion order. */
export async function readAllHistories(config: Config, db: LoadedDatabase, options: { signal?: AbortSignal; environments?: readonly EnvironmentConfig[] } = {}): Promise<EnvironmentHistories[]> {
  const out: EnvironmentHistories[] = [];
  for (const env of options.environments ?? config.environments) {
    const tc = env.targets.get(db.config.name);
    if (!tc) continue;
    let members;
    try {
      [members] = targetsOf(config, env, [db.config]);
    } catch (error) {
      if (!(error instanceof BbError)) throw error;
      const ref: TargetRef = { environment: env.name, database: db.config.name, id: `${env.name}/${db.config.name}`, url: '(unresolved)' };
      out.push({ environment: env, kind: tc.kind, targets: [{ target: ref, error: plain(error) }] });
      continue;
    }
    if (!members) continue;
    const read = await readHistories(db.engine, members.members, { ...(options.signal ? { signal: options.signal } : {}), openTimeoutMs: 10_000 });
    out.push({
      environment: env,
      kind: tc.kind,
      targets: read.map((h) => ({ target: h.target, ...(h.rows ? { rows: h.rows } : {}), ...(h.error ? { error: plain(h.error) } : {}) })),
    });
  }
  return out;
}

function plain(error: BbError): { kind: string; message: string; hint?: string } {
  return { kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
