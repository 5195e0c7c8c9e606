CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER s FOREIGN DATA WRAPPER w;
ALTER SERVER s OWNER TO sd_writer;
GRANT USAGE ON FOREIGN DATA WRAPPER w TO sd_reader;
CREATE FOREIGN TABLE ft (
    id integer NOT NULL,
    amount bigint DEFAULT 0,
    note varchar(20),
    added date OPTIONS (column_name 'when'),
    CONSTRAINT positive CHECK (amount > 0)
) SERVER s;
ALTER FOREIGN TABLE ft OWNER TO sd_writer;
GRANT SELECT (note) ON ft TO sd_reader;
COMMENT ON COLUMN ft.note IS 'free text';
