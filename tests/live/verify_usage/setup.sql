\ir schema.sql
