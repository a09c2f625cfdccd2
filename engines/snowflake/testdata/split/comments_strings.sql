-- leading comment
// slash comment; with a semicolon
CREATE TABLE a (
  id NUMBER, // trailing slash comment; here
  note STRING DEFAULT 'it\'s; fine', -- dash; comment
  q STRING DEFAULT 'x''; y'
);
/* block; comment */ CREATE VIEW "My;View" AS SELECT 'http://x;y' AS u FROM a;
CREATE FUNCTION f() RETURNS STRING LANGUAGE JAVASCRIPT AS $$
  return "a;b"; // js
$$;
CREATE PROCEDURE p() RETURNS STRING LANGUAGE SQL AS
BEGIN
  RETURN 'done';
END;
SELECT 1 / 2 FROM a