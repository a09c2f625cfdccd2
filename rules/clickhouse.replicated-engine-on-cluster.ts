import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.replicated-engine-on-cluster',
    engines: ['clickhouse'],
    kinds: ['create-table'],
    category: 'engine',
    defaultLevel: 'error',
    recommended: true,
    description: 'Use a Replicated*MergeTree engine for tables created ON CLUSTER',
    rationale: 'CREATE TABLE … ON CLUSTER with a plain MergeTree creates an independent, unreplicated table on every server: each replica holds only the rows inserted into it, and losing a server loses its data. Tables created across a cluster almost always want ReplicatedMergeTree (or SharedMergeTree on ClickHouse Cloud), or a Distributed table over replicated local ones.',
    payload: {},
    messages: { plain: '{{table}} is created ON CLUSTER {{cluster}} with the unreplicated engine {{engine}}' },
    examples: {
      bad: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = MergeTree ORDER BY id;',
      good: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;',
    },
    whenOff: 'When the cluster is meant to hold independent copies (for example per-server scratch tables).',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    if (!f || f.statement !== 'create-table' || !f.onCluster || !f.engine || !f.engine.mergeTree || f.engine.replicated) return;
    yield {
      messageId: 'plain',
      data: { table: qname(f.table), cluster: f.onCluster.name, engine: f.engine.name },
      at: f.engine.at,
      length: f.engine.name.length,
      help: `Use Replicated${f.engine.name} (its ZooKeeper path defaults to /clickhouse/tables/{uuid}/{shard} under ON CLUSTER).`,
    };
  },
});
