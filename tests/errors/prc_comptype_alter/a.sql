-- ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE of a composite type, as the file reader models it
CREATE TYPE c AS (a int, b text, z int);
COMMENT ON COLUMN c.z IS 'zz';
ALTER TYPE c ADD ATTRIBUTE d text COLLATE "C", DROP ATTRIBUTE IF EXISTS nope;
ALTER TYPE c DROP ATTRIBUTE z;
ALTER TYPE c ALTER ATTRIBUTE a TYPE bigint CASCADE;
