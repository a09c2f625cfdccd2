/**
 * The mysql2 session with TiDB detection: tidb_version() is asked on connect (a server without it is
 * reported by its own VERSION()), and the lock is always the lock row (see ../mysql/lock.ts).
 */
import type { ConnectOptions, Session, Target } from '../../src/engine.js';
import { connect as connectMysql } from '../mysql/session.js';

export function connect(target: Target, options: ConnectOptions = {}): Promise<Session> {
  return connectMysql(target, { ...options, probeTidb: true, lockStrategy: 'lock-row' });
}
