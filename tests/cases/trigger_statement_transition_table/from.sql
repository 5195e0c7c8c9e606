CREATE TABLE stock_moves (
    id bigint PRIMARY KEY,
    sku text NOT NULL,
    qty integer NOT NULL
);

CREATE TABLE stock_levels (
    sku text PRIMARY KEY,
    qty integer NOT NULL DEFAULT 0
);
