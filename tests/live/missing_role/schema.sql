CREATE TABLE t (id integer PRIMARY KEY);
GRANT SELECT ON t TO nobody_here;
ALTER TABLE t OWNER TO nobody_either;
