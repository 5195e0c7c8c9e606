CREATE SCHEMA "we""ird; --";
CREATE TEXT SEARCH DICTIONARY "we""ird; --"."d$$'x" (TEMPLATE = simple, accept = 'false');
CREATE TEXT SEARCH CONFIGURATION "we""ird; --"."C fg" (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION "we""ird; --"."C fg" ALTER MAPPING FOR word WITH "we""ird; --"."d$$'x", simple;
COMMENT ON TEXT SEARCH CONFIGURATION "we""ird; --"."C fg" IS 'it''s $$';
CREATE TABLE "we""ird; --"."T;" ("c""ol" int, "Sel ect" text);
CREATE PUBLICATION "p""ub; --" FOR TABLE "we""ird; --"."T;" ("c""ol") WHERE ("c""ol" > 0);
CREATE PUBLICATION "Sch;" FOR TABLES IN SCHEMA "we""ird; --";
CREATE INDEX ix ON "we""ird; --"."T;" USING gin (to_tsvector('"we""ird; --"."C fg"', "Sel ect"));
