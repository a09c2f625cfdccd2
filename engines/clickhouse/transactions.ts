import type { RawStatement } from '../../src/engine.js';
import { statementLabel } from './label.js';
import { factsOf, parseClickHouse, SCHEMA_CHANGES } from './parse.js';

/**
 * ClickHouse has no transactions for DDL (capabilities.transactionalDdl is false), so no statement is
 * singled out as "cannot run in a transaction": every migration runs statement by statement with
 * progress recorded after each. This file keeps the engine layout and holds the plan-time warnings.
 */
export function nonTransactional(_stmt: RawStatement): string | undefined {
  return undefined;
}

/**
 * Plan-time warnings for one statement on one target: DDL without ON CLUSTER on a clustered target
 * changes one node only; ON CLUSTER on a single server fails (the cluster is not defined there) or
 * reaches servers the target does not name; a mutation rewrites data in the background.
 */
export function warnings(stmt: RawStatement, target: { readonly cluster?: string }): string[] {
  const facts = factsOf(parseClickHouse(stmt));
  const out: string[] = [];
  const what = statementLabel(stmt.text, facts);
  if (SCHEMA_CHANGES.has(facts.statement) && !facts.temporary) {
    if (target.cluster && !facts.onCluster) out.push(`${what} has no ON CLUSTER ${target.cluster}: on a cluster it changes only the server bb connects to`);
    if (!target.cluster && facts.onCluster) out.push(`${what} runs ON CLUSTER ${facts.onCluster.name}, but this target has no cluster: set cluster: ${facts.onCluster.name} on it, or remove ON CLUSTER`);
    if (target.cluster && facts.onCluster && facts.onCluster.name !== target.cluster && !/^\{.*\}$/.test(facts.onCluster.name)) {
      out.push(`${what} runs ON CLUSTER ${facts.onCluster.name}, but the target's cluster is ${target.cluster}`);
    }
  }
  if (facts.mutation) out.push(`${facts.mutation} on ${facts.table?.name ?? 'a table'} is a mutation that rewrites data parts; bb waits for it to finish`);
  return out;
}

/** `SET x = …` and `USE db` change only the session; a resumed migration replays them (Engine.capabilities.sessionState). */
export function sessionState(stmt: RawStatement): boolean {
  const kind = factsOf(parseClickHouse(stmt)).statement;
  return kind === 'set' || kind === 'use';
}
