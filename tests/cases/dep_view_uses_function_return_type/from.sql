CREATE TABLE orders (
    id bigint PRIMARY KEY,
    net numeric(12,2) NOT NULL
);

CREATE FUNCTION gross(net numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE
AS $$ SELECT net * 1.19 $$;

CREATE VIEW order_gross AS
SELECT id, net, gross(net) AS gross FROM orders;
