CREATE TABLE warehouses (
    company_id integer NOT NULL,
    code text NOT NULL,
    PRIMARY KEY (company_id, code)
);

CREATE TABLE stock (
    id integer PRIMARY KEY,
    company_id integer NOT NULL,
    warehouse_code text NOT NULL
);
