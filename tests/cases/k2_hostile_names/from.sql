CREATE SCHEMA "we""ird; --";
CREATE TABLE "we""ird; --"."T;" ("c""ol" int, "Sel ect" text);
