-- nullable, no default; the check stays
CREATE DOMAIN quantity AS integer
    CHECK (VALUE > 0);

CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    qty quantity
);
