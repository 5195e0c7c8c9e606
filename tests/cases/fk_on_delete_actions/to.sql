CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
    referrer_id bigint REFERENCES customers (id) ON DELETE SET NULL,
    approver_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    agent_id bigint DEFAULT 0 REFERENCES customers (id) ON DELETE SET DEFAULT
);
