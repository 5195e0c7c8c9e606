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
