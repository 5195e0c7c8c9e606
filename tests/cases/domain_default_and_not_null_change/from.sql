CREATE DOMAIN quantity AS integer
    NOT NULL
    DEFAULT 1
    CHECK (VALUE > 0);

CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    qty quantity
);
