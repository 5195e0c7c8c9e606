CREATE SEQUENCE small_ids AS integer;
