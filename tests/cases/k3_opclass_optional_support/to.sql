CREATE FUNCTION my_cmp(a text, b text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT bttextcmp(a, b) $$;
CREATE OPERATOR CLASS my_text_ops FOR TYPE text USING btree AS
    OPERATOR 1 <, OPERATOR 3 =, OPERATOR 5 >, FUNCTION 1 my_cmp(text, text), FUNCTION 4 btequalimage(oid);
CREATE TABLE docs (t text);
CREATE INDEX docs_t ON docs (t my_text_ops);
