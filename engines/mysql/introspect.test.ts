/**
 * Introspection and dump against the local MariaDB: every object kind, stable order, no volatile
 * details, and a dump that replays (through bb's own splitter) into an identical snapshot.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Session, Target } from '../../src/engine.js';
import { MysqlDatabases, mysqlAvailable } from '../../test/support/servers.js';
import { connect } from './session.js';
import { splitMysql } from './split.js';
import { columnDefault } from './introspect.js';

const up = await mysqlAvailable();
const dbs = new MysqlDatabases('bbt_mysql_introspect');
afterAll(async () => {
  if (up) await dbs.dropAll();
});

const target = (url: string): Target => ({
  ref: { environment: 'test', database: 'app', id: 'test/app', url },
  engine: 'mysql', url, baseDir: process.cwd(), session: {},
  history: { table: 'bb_migration_history', snapshotTable: 'bb_migration_history_snapshots' },
});

const SCHEMA = `
CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) NOT NULL COMMENT 'login',
  name varchar(100) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  score decimal(10,2) NOT NULL DEFAULT 0.00,
  status enum('active','blocked') NOT NULL DEFAULT 'active',
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  email_domain varchar(255) AS (substring_index(email, '@', -1)) VIRTUAL,
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_name_prefix (name(10)),
  FULLTEXT KEY users_ft (email),
  CONSTRAINT users_score_positive CHECK (score >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='people';
CREATE TABLE orders (
  id int NOT NULL PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  total int DEFAULT NULL,
  CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
CREATE SEQUENCE order_numbers START WITH 100 INCREMENT BY 10;
SELECT NEXTVAL(order_numbers);
DELIMITER //
CREATE PROCEDURE touch_user(IN uid bigint)
BEGIN
  UPDATE users SET name = name WHERE id = uid;
END //
CREATE FUNCTION twice(x int) RETURNS int DETERMINISTIC RETURN x * 2 //
CREATE TRIGGER orders_total BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  IF NEW.total IS NULL THEN SET NEW.total = 0; END IF;
END //
CREATE EVENT purge_blocked ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM users WHERE status = 'blocked' //
DELIMITER ;
INSERT INTO users (email) VALUES ('a@x.org'), ('b@y.org');
`;

async function apply(s: Session, sql: string): Promise<void> {
  for (const stmt of splitMysql(sql)) await s.execute(stmt.text);
}

describe('columnDefault', () => {
  it('normalises MariaDB expressions and MySQL raw values to SQL', () => {
    expect(columnDefault("'x'", '', 'varchar(10)', true)).toBe("'x'");
    expect(columnDefault('NULL', '', 'int(11)', true)).toBe('NULL');
    expect(columnDefault('current_timestamp()', '', 'timestamp', true)).toBe('CURRENT_TIMESTAMP');
    expect(columnDefault('x', '', 'varchar(10)', false)).toBe("'x'");
    expect(columnDefault("it's", '', 'varchar(10)', false)).toBe("'it''s'");
    expect(columnDefault('0', '', 'int', false)).toBe('0');
    expect(columnDefault('CURRENT_TIMESTAMP', 'DEFAULT_GENERATED', 'timestamp', false)).toBe('CURRENT_TIMESTAMP');
    expect(columnDefault('uuid()', 'DEFAULT_GENERATED', 'char(36)', false)).toBe('(uuid())');
    expect(columnDefault(null, '', 'int', false)).toBeUndefined();
  });
});

describe.skipIf(!up)('introspect + dump on MariaDB', () => {
  it('reads tables, columns, keys, constraints, views, routines, triggers and events in a stable order', async () => {
    const s = await connect(target(await dbs.create('one')));
    try {
      await apply(s, SCHEMA);
      await s.history.ensure();
      const snap = await s.introspect();
      expect(await s.introspect()).toEqual(snap);
      const find = (name: string): string | undefined => snap.objects.find((o) => o.name === name)?.definition;
      expect(snap.objects.filter((o) => o.kind === 'table').map((o) => o.name)).toEqual(['orders', 'users']);
      expect(find('users')).toBe("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='people'");
      expect(find('users.id')).toBe('0001 bigint(20) unsigned NOT NULL AUTO_INCREMENT');
      expect(find('users.email')).toBe("0002 varchar(255) NOT NULL COMMENT 'login'");
      expect(find('users.name')).toBe('0003 varchar(100) COLLATE latin1_swedish_ci DEFAULT NULL');
      expect(find('users.score')).toBe('0004 decimal(10,2) NOT NULL DEFAULT 0.00');
      expect(find('users.created_at')).toBe('0006 timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP');
      expect(find('users.email_domain')).toMatch(/^0007 varchar\(255\) GENERATED ALWAYS AS \(substring_index\(`email`,'@',-1\)\) VIRTUAL/);
      expect(find('users.PRIMARY')).toBe('PRIMARY KEY (`id`)');
      expect(find('users.users_email')).toBe('UNIQUE KEY `users_email` (`email`)');
      expect(find('users.users_name_prefix')).toBe('KEY `users_name_prefix` (`name`(10))');
      expect(find('users.users_ft')).toBe('FULLTEXT KEY `users_ft` (`email`)');
      expect(find('users.users_score_positive')).toBe('CHECK (`score` >= 0)');
      expect(find('orders.orders_user')).toBe('FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE');
      expect(find('active_users')).toMatch(/^CREATE VIEW `active_users` AS select `users`\.`id` AS `id`/);
      expect(find('active_users')).not.toContain('bbt_mysql_introspect');
      // MariaDB's sequences, without their current value (bb drift and bb dump left them out)
      expect(find('order_numbers')).toBe('CREATE SEQUENCE `order_numbers` start with 100 minvalue 1 maxvalue 9223372036854775806 increment by 10 cache 1000 nocycle');
      expect(find('touch_user (procedure)')).toMatch(/^CREATE PROCEDURE `touch_user`\(IN uid bigint\)/);
      expect(find('twice (function)')).toMatch(/^CREATE FUNCTION `twice`\(x int\) RETURNS int/);
      expect(find('orders.orders_total')).toMatch(/^CREATE TRIGGER `orders_total` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN/);
      expect(find('purge_blocked (event)')).toMatch(/^CREATE EVENT `purge_blocked` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE DISABLE DO DELETE FROM users/);
      const text = JSON.stringify(snap);
      expect(text).not.toMatch(/DEFINER|AUTO_INCREMENT=|bb_migration_history|json_valid/i);
      // kinds in a fixed order, names sorted within a kind
      const kinds = snap.objects.map((o) => o.kind);
      const order = ['sequence', 'table', 'column', 'constraint', 'index', 'view', 'function', 'trigger', 'other'];
      expect(kinds).toEqual([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    } finally {
      await s.close();
    }
  });

  it('does not depend on the target\'s session settings (ANSI_QUOTES changes SHOW CREATE output)', async () => {
    const url = await dbs.create('ansi');
    const plain = await connect(target(url));
    const ansi = await connect({ ...target(url), session: { sql_mode: 'ANSI_QUOTES' } });
    try {
      await apply(plain, SCHEMA);
      expect(await ansi.introspect()).toEqual(await plain.introspect());
    } finally {
      await plain.close();
      await ansi.close();
    }
  });

  it('dumps DDL that replays into an identical snapshot (auto-increment counters and data do not matter)', async () => {
    const a = await connect(target(await dbs.create('src')));
    const b = await connect(target(await dbs.create('dst')));
    try {
      await apply(a, SCHEMA);
      const snap = await a.introspect();
      const ddl = a.dump(snap);
      expect(ddl).toMatch(/^-- Schema dump by bb/);
      expect(ddl).toContain('DELIMITER //');
      await apply(b, ddl);
      expect(await b.introspect()).toEqual(snap);
      expect(b.dump(await b.introspect())).toBe(ddl);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
