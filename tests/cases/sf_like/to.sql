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
ALTER TABLE base ALTER COLUMN body SET STORAGE EXTERNAL;

-- everything
CREATE TABLE copy_all (LIKE base INCLUDING ALL, extra int);
-- columns only (NOT NULL always comes along)
CREATE TABLE copy_plain (note text, LIKE base, UNIQUE (score));
-- some options; the table's own unique constraint takes the name first
CREATE TABLE copy_some (LIKE base INCLUDING DEFAULTS INCLUDING INDEXES EXCLUDING COMMENTS, UNIQUE (score));
CREATE TABLE copy_rest (LIKE base INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY EXCLUDING STORAGE);
