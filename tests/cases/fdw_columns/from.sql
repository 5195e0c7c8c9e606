CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER s FOREIGN DATA WRAPPER w;
ALTER SERVER s OWNER TO sd_owner;
GRANT USAGE ON FOREIGN DATA WRAPPER w TO sd_writer;
CREATE FOREIGN TABLE ft (
    id integer,
    amount integer,
    gone text OPTIONS (column_name 'old'),
    note text
) SERVER s;
ALTER FOREIGN TABLE ft OWNER TO sd_owner;
