CREATE TABLE shipments (
    id integer PRIMARY KEY,
    tracking_no bigint
);
