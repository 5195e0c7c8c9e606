CREATE EXTENSION IF NOT EXISTS citext;

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled');

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name varchar(100) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    is_admin boolean NOT NULL DEFAULT false
);

CREATE TABLE addresses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    line1 text NOT NULL,
    city text NOT NULL,
    country char(2) NOT NULL DEFAULT 'DE'
);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(12,2) NOT NULL CHECK (total >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    shipping_address_id bigint REFERENCES addresses (id) ON DELETE SET NULL
);

CREATE INDEX orders_user_id_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_open_idx ON orders (created_at) WHERE status IN ('pending', 'paid', 'packed');

CREATE TABLE items (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku varchar(32) NOT NULL,
    qty integer NOT NULL CHECK (qty > 0),
    unit_price numeric(10,2) NOT NULL,
    CONSTRAINT items_order_sku_key UNIQUE (order_id, sku)
);

COMMENT ON TABLE orders IS 'Customer orders (one per checkout)';
COMMENT ON COLUMN orders.total IS 'Sum of item lines, EUR';
