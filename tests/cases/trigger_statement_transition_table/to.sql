CREATE TABLE stock_moves (
    id bigint PRIMARY KEY,
    sku text NOT NULL,
    qty integer NOT NULL
);

CREATE TABLE stock_levels (
    sku text PRIMARY KEY,
    qty integer NOT NULL DEFAULT 0
);

CREATE FUNCTION apply_stock_moves() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO stock_levels AS l (sku, qty)
    SELECT sku, sum(qty) FROM new_moves GROUP BY sku
    ON CONFLICT (sku) DO UPDATE SET qty = l.qty + excluded.qty;
    RETURN NULL;
END;
$$;

-- once per statement, with the inserted rows as a table
CREATE TRIGGER stock_moves_apply
    AFTER INSERT ON stock_moves
    REFERENCING NEW TABLE AS new_moves
    FOR EACH STATEMENT
    EXECUTE FUNCTION apply_stock_moves();
