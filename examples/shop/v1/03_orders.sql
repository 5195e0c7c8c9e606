CREATE TABLE shop.orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
    status       shop.order_status NOT NULL DEFAULT 'pending',
    total        numeric(10,2) NOT NULL CHECK (total >= 0),
    note         varchar(200),
    placed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE INDEX ON shop.orders (placed_at DESC) WHERE status = 'pending';
