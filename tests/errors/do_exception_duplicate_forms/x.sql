CREATE TABLE t (id int, c text);
DO $$ BEGIN ALTER TABLE t ADD COLUMN c text; EXCEPTION WHEN duplicate_column THEN null; END $$;
DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id); EXCEPTION WHEN duplicate_object OR invalid_table_definition THEN null; END $$;
DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id); EXCEPTION WHEN duplicate_object OR invalid_table_definition THEN null; END $$;
DO $$ BEGIN CREATE INDEX t_c ON t (c); EXCEPTION WHEN duplicate_table THEN null; END $$;
DO $$ BEGIN CREATE INDEX t_c ON t (c); EXCEPTION WHEN duplicate_table THEN null; END $$;
DO $$ BEGIN CREATE SCHEMA s; EXCEPTION WHEN duplicate_schema THEN null; END $$;
DO $$ BEGIN CREATE SCHEMA s; EXCEPTION WHEN duplicate_schema THEN null; END $$;
