import { defineRule } from '../src/lint/types.js';
import { chFacts, qname } from './_util/clickhouse.js';

/** Functions whose result changes more often than once a day. */
const FINE = /\b(toStartOfSecond|toStartOfMinute|toStartOfFiveMinutes?|toStartOfTenMinutes|toStartOfFifteenMinutes|toStartOfHour|toHour|toMinute|toSecond|toYYYYMMDDhhmmss|toUnixTimestamp|toUnixTimestamp64\w*)\s*\(/i;
const FINE_INTERVAL = /\btoStartOfInterval\s*\([^)]*INTERVAL\s+\d+\s+(SECOND|MINUTE|HOUR)S?\b/i;
const HASH = /\b(cityHash64|sipHash64|xxHash64|farmHash64|murmurHash\w*|intHash64|halfMD5)\s*\(/i;
/** Column types with (practically) unbounded distinct values. */
const UNBOUNDED = /^(DateTime|DateTime64|UUID|String|FixedString|U?Int(64|128|256)|Float\d+|IPv[46])\b/i;

export default defineRule({
  meta: {
    id: 'clickhouse.partition-key-cardinality',
    engines: ['clickhouse'],
    kinds: ['create-table'],
    category: 'table',
    defaultLevel: 'warning',
    recommended: true,
    description: 'Use a coarse PARTITION BY (by month or day), never a raw timestamp, id or hash',
    rationale: 'Every partition is a separate set of parts on disk: an insert that touches many partitions creates many parts, and more than ~100 partitions per insert or ~1000 active partitions make inserts fail ("Too many parts") and merges fall behind. ClickHouse recommends partitioning by month (toYYYYMM) in most cases and never by a high-cardinality column; partitioning is for data management (TTL, DROP PARTITION), not for query speed, which the ORDER BY key provides.',
    payload: {},
    messages: {
      fine: 'PARTITION BY {{expr}} of {{table}} creates a partition per {{unit}}',
      raw: 'PARTITION BY {{expr}} of {{table}} partitions by a {{type}} column: one partition per distinct value',
      hash: 'PARTITION BY {{expr}} of {{table}} partitions by a hash without a modulo: one partition per distinct value',
    },
    examples: {
      bad: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree PARTITION BY ts ORDER BY id;',
      good: 'CREATE TABLE events (ts DateTime, id UInt64) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY id;',
    },
    whenOff: 'For a table with a short TTL whose inserts each touch one partition (for example 48 hours of hourly partitions with ttl_only_drop_parts).',
  },
  *check(stmt) {
    const f = chFacts(stmt.facts);
    const p = f?.partitionBy;
    if (!f || !p) return;
    const table = qname(f.table);
    for (const item of p.items) {
      const fine = FINE.exec(item) ?? FINE_INTERVAL.exec(item);
      if (fine) {
        const unit = /hour/i.test(fine[0]) ? 'hour' : /minute|FiveMinute|TenMinute|FifteenMinute/i.test(fine[0]) ? 'few minutes' : /second|hhmmss|Unix/i.test(fine[0]) ? 'second' : 'hour or less';
        yield { messageId: 'fine', data: { expr: item, table, unit }, at: p.at };
        continue;
      }
      if (HASH.test(item) && !/%|\bmodulo\s*\(/i.test(item)) {
        yield { messageId: 'hash', data: { expr: item, table }, at: p.at };
        continue;
      }
      const bare = /^`?([A-Za-z_][A-Za-z0-9_]*)`?$/.exec(item.trim());
      if (bare) {
        const column = (f.columns ?? []).find((c) => c.name === bare[1]);
        const type = column?.type.replace(/^Nullable\s*\(\s*|\)$/g, '') ?? '';
        if (column && UNBOUNDED.test(type)) yield { messageId: 'raw', data: { expr: item, table, type: column.type }, at: p.at };
      }
    }
  },
});
