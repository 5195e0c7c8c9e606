CREATE TABLE shop.customers (
    id          bigserial PRIMARY KEY,
    email       varchar(120) NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE shop.customers IS 'People who buy things';
