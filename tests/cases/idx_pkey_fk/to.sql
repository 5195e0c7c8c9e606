CREATE TABLE customers (
    id integer NOT NULL,
    name text NOT NULL,
    referrer integer REFERENCES customers (id),
    CONSTRAINT customers_pkey PRIMARY KEY (id) INCLUDE (name)
);
CREATE TABLE invoices (
    id integer PRIMARY KEY,
    customer integer NOT NULL REFERENCES customers (id)
);
