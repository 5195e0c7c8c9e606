CREATE TABLE t (a int);

-- c
ALTER TABLE nosuch OWNER TO bob;
COMMENT ON TABLE nosuch2 IS $$x$$;
GRANT SELECT ON nosuch3 TO bob;
