CREATE EXTENSION IF NOT EXISTS citext;

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name varchar(50) NOT NULL,
    created_at timestamp NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(10,2) NOT NULL CHECK (total >= 0),
    created_at timestamp NOT NULL DEFAULT now(),
    note text
);

CREATE INDEX orders_user_id_idx ON orders (user_id);

CREATE TABLE items (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    sku varchar(32) NOT NULL,
    qty integer NOT NULL CHECK (qty > 0),
    unit_price numeric(10,2) NOT NULL
);

COMMENT ON TABLE orders IS 'Customer orders';
