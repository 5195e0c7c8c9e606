CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total numeric(12,2) NOT NULL
);

CREATE FUNCTION order_count() RETURNS integer
    LANGUAGE sql STABLE
    AS $$ SELECT count(*)::integer FROM orders $$;
