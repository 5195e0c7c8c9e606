CREATE TABLE bookings (
    id integer PRIMARY KEY,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    CHECK (ends_on >= starts_on),
    CONSTRAINT bookings_max_length CHECK (ends_on - starts_on <= 30)
);
