CREATE TABLE orders (
    id bigint PRIMARY KEY,
    net numeric(12,2) NOT NULL
);

-- gross() now returns text: the function is dropped and created (a new return type),
-- and the view that calls it must be dropped before and created after
CREATE FUNCTION gross(net numeric) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(net * 1.19, 'FM999999990.00') $$;

CREATE VIEW order_gross AS
SELECT id, net, gross(net) AS gross FROM orders;
