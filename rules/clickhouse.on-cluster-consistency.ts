import { defineRule } from '../src/lint/types.js';
import { statementLabel } from '../engines/clickhouse/label.js';
import { chFacts, DDL } from './_util/clickhouse.js';

export default defineRule({
  meta: {
    id: 'clickhouse.on-cluster-consistency',
    engines: ['clickhouse'],
    kinds: [],
    category: 'schema',
    defaultLevel: 'error',
    recommended: true,
    description: 'Use ON CLUSTER on every DDL statement of a file or on none, with one cluster name',
    rationale: 'On a cluster, DDL without ON CLUSTER changes only the server that runs it: the other replicas and shards drift apart silently, and a later ON CLUSTER statement then fails on the servers that lack the earlier change. DDL here is CREATE, ALTER, DROP, RENAME, EXCHANGE and TRUNCATE of tables, views, databases, dictionaries and SQL functions (a function lives on each server; `DROP FUNCTION` without ON CLUSTER leaves it on the others). A file that mixes both, or names two clusters, is almost always a mistake. Set `cluster` for the environments that run on a cluster (under rules.environments) to require ON CLUSTER with that name.',
    payload: {
      cluster: { type: 'string', default: '', description: 'When set, every DDL statement must run ON CLUSTER with this name (a {macro} is accepted)' },
    },
    messages: {
      missing: '{{what}} has no ON CLUSTER, while other DDL in this file runs ON CLUSTER {{cluster}}',
      different: 'ON CLUSTER {{cluster}} differs from ON CLUSTER {{first}} used earlier in this file',
      required: '{{what}} must run ON CLUSTER {{cluster}}',
    },
    examples: {
      bad: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE events ADD COLUMN name String;',
      good: 'CREATE TABLE events ON CLUSTER main (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;\nALTER TABLE events ON CLUSTER main ADD COLUMN name String;',
    },
    whenOff: 'When the database uses the Replicated database engine (DDL replicates without ON CLUSTER), or the migrations target a single server.',
  },
  *checkFile(file, ctx) {
    const ddl = file.statements
      .map((s) => ({ s, f: chFacts(s.facts) }))
      .filter((x) => x.f && DDL.has(x.f.statement) && !x.f.temporary);
    const required = ctx.payload.cluster;
    if (required !== '') {
      for (const { s, f } of ddl) {
        const name = f!.onCluster?.name;
        if (name === undefined || (name !== required && !/^\{.*\}$/.test(name))) {
          yield { messageId: 'required', data: { what: statementLabel(s.text, f!), cluster: required }, statement: s.index, ...(f!.onCluster ? { at: f!.onCluster.at } : {}) };
        }
      }
      return;
    }
    const clustered = ddl.filter((x) => x.f!.onCluster);
    if (clustered.length === 0) return;
    const first = clustered[0]!.f!.onCluster!.name;
    for (const { s, f } of ddl) {
      if (!f!.onCluster) yield { messageId: 'missing', data: { what: statementLabel(s.text, f!), cluster: first }, statement: s.index };
      else if (f!.onCluster.name !== first) yield { messageId: 'different', data: { cluster: f!.onCluster.name, first }, statement: s.index, at: f!.onCluster.at };
    }
  },
});
