/**
 * The engine registry: a lazy map, so that loading it imports no driver. An engine registers by
 * adding its line here; core code never imports an engine module by name.
 */
import type { Engine, EngineName } from '../src/engine.js';

export const ENGINES: Partial<Record<EngineName, () => Promise<{ default: Engine }>>> = {
  postgres: () => import('./postgres/index.js'),
  mysql: () => import('./mysql/index.js'),
  tidb: () => import('./tidb/index.js'),
  clickhouse: () => import('./clickhouse/index.js'),
  snowflake: () => import('./snowflake/index.js'),
};
