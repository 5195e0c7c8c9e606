CREATE SCHEMA "My Schema";
CREATE TYPE "My Schema"."Odd Range" AS RANGE (SUBTYPE = integer);
CREATE TYPE "My Schema"."Pair;" AS ("X" integer, y integer);
CREATE FUNCTION "My Schema"."to text"(p "My Schema"."Pair;") RETURNS text LANGUAGE sql IMMUTABLE
    AS $$SELECT p."X"::text$$;
CREATE CAST ("My Schema"."Pair;" AS text) WITH FUNCTION "My Schema"."to text"("My Schema"."Pair;");
COMMENT ON CAST ("My Schema"."Pair;" AS text) IS 'it''s a cast';
CREATE TABLE "My Schema"."T" ("A b" integer, "c""d" text, r "My Schema"."Odd Range_multirange");
CREATE STATISTICS "My Schema"."Stats; DROP TABLE x" (ndistinct) ON "c""d", "A b" FROM "My Schema"."T";
CREATE STATISTICS "My Schema"."expr-stats" ON (lower("c""d")) FROM "My Schema"."T";
CREATE TABLE "My Schema"."Typed" OF "My Schema"."Pair;" ("X" WITH OPTIONS NOT NULL);
