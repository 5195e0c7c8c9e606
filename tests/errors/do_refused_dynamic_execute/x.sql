DO $$
BEGIN
    EXECUTE format('CREATE TABLE %I (id int)', 'x');
END $$;
