CREATE FUNCTION rev_cmp(a text, b text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT bttextcmp(b, a) $$;
CREATE FUNCTION rev_lt(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a > b $$;
CREATE FUNCTION rev_eq(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$;
CREATE FUNCTION rev_eq2(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT lower(a) = lower(b) $$;
CREATE FUNCTION rev_gt(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a < b $$;
CREATE OPERATOR <<~ (LEFTARG = text, RIGHTARG = text, FUNCTION = rev_lt);
CREATE OPERATOR =~= (LEFTARG = text, RIGHTARG = text, FUNCTION = rev_eq);
CREATE OPERATOR =~~ (LEFTARG = text, RIGHTARG = text, FUNCTION = rev_eq2);
CREATE OPERATOR >>~ (LEFTARG = text, RIGHTARG = text, FUNCTION = rev_gt);
CREATE OPERATOR CLASS rev_text_ops FOR TYPE text USING btree AS
    OPERATOR 1 <<~, OPERATOR 3 =~=, OPERATOR 5 >>~, FUNCTION 1 rev_cmp(text, text);
CREATE TABLE words (w text);
CREATE INDEX words_rev ON words (w rev_text_ops);
