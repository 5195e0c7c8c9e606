-- names JSON must escape: a double quote, a backslash, a tab; and a non-ASCII one
CREATE TABLE "we""ird\x" (a integer);
CREATE TABLE "tab	x" ("ü" integer);
CREATE TABLE "Größe" (id integer);
