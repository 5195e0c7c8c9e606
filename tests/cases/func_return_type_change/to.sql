CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total numeric(12,2) NOT NULL
);

-- integer -> bigint: CREATE OR REPLACE cannot change the return type
CREATE FUNCTION order_count() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders $$;
