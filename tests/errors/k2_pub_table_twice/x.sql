CREATE TABLE a (id integer);
CREATE PUBLICATION p FOR TABLE a, public.a;
