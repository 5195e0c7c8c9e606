-- hand-written: both typed tables follow the type
ALTER TYPE person ALTER ATTRIBUTE id TYPE bigint CASCADE;
ALTER TYPE person DROP ATTRIBUTE nick CASCADE, ADD ATTRIBUTE email text CASCADE;
ALTER TABLE staff ALTER COLUMN email SET DEFAULT 'x@example.com';
