CREATE SEQUENCE tracking_seq START WITH 100000;

CREATE TABLE shipments (
    id integer PRIMARY KEY,
    tracking_no bigint DEFAULT nextval('tracking_seq')
);
