CREATE TABLE t (id int PRIMARY KEY);

DO $$
BEGIN
    EXECUTE 'CREATE INDEX t_x_idx ON nosuch (x)';
END $$;
