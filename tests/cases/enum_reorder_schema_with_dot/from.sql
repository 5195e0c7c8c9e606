CREATE SCHEMA "a.b";
CREATE TYPE "a.b".st AS ENUM ('x', 'y');
CREATE TABLE t (s "a.b".st, CONSTRAINT c CHECK (s <> 'y'::"a.b".st));
