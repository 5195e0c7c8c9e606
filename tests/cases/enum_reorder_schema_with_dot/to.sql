CREATE SCHEMA "a.b";
CREATE TYPE "a.b".st AS ENUM ('y', 'x');
CREATE TABLE t (s "a.b".st, CONSTRAINT c CHECK (s <> 'y'::"a.b".st));
