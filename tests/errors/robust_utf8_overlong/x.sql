CREATE TABLE t (a int);
-- √©t√©
CREATE TABLE u (b text DEFAULT '¿Ø');
