CREATE TABLE u (b text COMPRESSION zstd);
CREATE TABLE v (c int) TABLESPACE pg_default;
CREATE INDEX ON u (b) TABLESPACE pg_default;
