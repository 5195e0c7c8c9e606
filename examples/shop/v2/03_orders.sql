CREATE TABLE shop.orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
    status       shop.order_status NOT NULL DEFAULT 'pending',
    total        numeric(12,2) NOT NULL CHECK (total >= 0),
    currency     char(3) NOT NULL DEFAULT 'EUR',
    placed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id, placed_at DESC);
CREATE INDEX ON shop.orders (placed_at DESC) WHERE status = 'pending';

CREATE TABLE shop.order_items (
    order_id  bigint NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
    sku       text NOT NULL,
    quantity  integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);
