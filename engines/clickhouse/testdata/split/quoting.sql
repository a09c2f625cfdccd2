# hash comment; not a statement
INSERT INTO t VALUES ('it''s; fine', 'back\'slash; too', "dq;ident");
SELECT `weird;name`, $$heredoc; body$$, $tag$ x; y $tag$ FROM t;
/* block /* nested; */ still comment; */
ALTER TABLE t UPDATE s = 'a;b' WHERE 1 SETTINGS mutations_sync = 2;;
;
SELECT 1 -- no newline at the end; ok
