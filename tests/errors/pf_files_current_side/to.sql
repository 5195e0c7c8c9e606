CREATE TABLE t (id integer PRIMARY KEY, email text NOT NULL UNIQUE);
