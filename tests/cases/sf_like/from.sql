CREATE TABLE base (
    id int GENERATED ALWAYS AS IDENTITY (START WITH 10) PRIMARY KEY,
    code text NOT NULL DEFAULT 'x' CHECK (length(code) < 10),
    score int UNIQUE,
    doubled int GENERATED ALWAYS AS (score * 2) STORED,
    body text COMPRESSION pglz
);
CREATE INDEX ON base (lower(code)) WHERE score > 0;
COMMENT ON COLUMN base.code IS 'the code';
COMMENT ON INDEX base_lower_idx IS 'lower codes';
