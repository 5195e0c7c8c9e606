CREATE DOMAIN postal_code AS varchar(10)
    CONSTRAINT postal_code_format CHECK (VALUE ~ '^[0-9A-Z -]+$');

CREATE DOMAIN unused_flag AS boolean DEFAULT false NOT NULL;

CREATE TABLE addresses (
    id bigint PRIMARY KEY,
    street text NOT NULL,
    zip postal_code
);
