-- bb:transaction off
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('sad', 'ok');
  END IF;
END
$$;
CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at = now(); -- keep ; inside
  RETURN NEW;
END;
$body$;
COMMENT ON TABLE t IS 'semi; colon';
