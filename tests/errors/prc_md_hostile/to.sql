CREATE TABLE "a|b`c<d>@e" (id int PRIMARY KEY, "_x_" text, "*y*" int);
COMMENT ON TABLE "a|b`c<d>@e" IS 'fence ``` and ```` inside; </details> <script>alert(1)</script> @octocat';
CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT '```' $$;
