CREATE TABLE t (id int PRIMARY KEY);

-- undefined_table does not cover "already exists"
DO $$
BEGIN
    CREATE TABLE t (id int);
EXCEPTION WHEN undefined_table THEN null;
END $$;
