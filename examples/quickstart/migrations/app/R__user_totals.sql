-- A repeatable migration: re-applied whenever this file changes.
CREATE OR REPLACE VIEW user_totals AS
SELECT u.id, u.email, coalesce(sum(o.total_cents), 0) AS total_cents
FROM users u LEFT JOIN orders o ON o.user_id = u.id
GROUP BY u.id, u.email;
