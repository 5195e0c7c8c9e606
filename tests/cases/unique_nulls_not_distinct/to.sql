CREATE TABLE devices (
    id integer PRIMARY KEY,
    serial text,
    vendor text,
    CONSTRAINT devices_serial_vendor_key UNIQUE NULLS NOT DISTINCT (serial, vendor)
);
