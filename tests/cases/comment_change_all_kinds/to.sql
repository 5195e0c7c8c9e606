CREATE SCHEMA shop;

CREATE TYPE shop.order_state AS ENUM ('new', 'done');

CREATE SEQUENCE shop.order_no_seq;

CREATE TABLE shop.orders (
    id bigint PRIMARY KEY,
    state shop.order_state NOT NULL DEFAULT 'new',
    total numeric(12,2) NOT NULL,
    CONSTRAINT orders_total_check CHECK (total >= 0)
);

CREATE INDEX orders_state_idx ON shop.orders (state);

COMMENT ON SCHEMA shop IS 'Web shop (v2)';
COMMENT ON TYPE shop.order_state IS 'Order lifecycle';
COMMENT ON SEQUENCE shop.order_no_seq IS 'Order numbers shown to customers';
COMMENT ON TABLE shop.orders IS 'One row per completed checkout';
COMMENT ON COLUMN shop.orders.total IS 'Gross total in EUR, VAT included';
COMMENT ON CONSTRAINT orders_total_check ON shop.orders IS 'Totals are zero or positive';
COMMENT ON INDEX shop.orders_state_idx IS 'Fulfilment queue lookups';
