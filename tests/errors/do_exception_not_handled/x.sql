CREATE TABLE t (id int PRIMARY KEY);

-- no handler: the second CREATE TABLE fails, as it would on the server
DO $$
BEGIN
    CREATE TABLE t (id int);
END $$;
