CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint,
    referrer_id bigint,
    approver_id bigint NOT NULL,
    agent_id bigint DEFAULT 0
);
