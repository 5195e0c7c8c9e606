CREATE TABLE customers (
    id integer NOT NULL,
    name text NOT NULL,
    referrer integer REFERENCES customers (id),
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);
CREATE TABLE invoices (
    id integer PRIMARY KEY,
    customer integer NOT NULL REFERENCES customers (id)
);
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 20) g;
INSERT INTO invoices SELECT g, 1 + g % 20 FROM generate_series(1, 60) g;
