-- from 18: temporal primary keys
CREATE TABLE bookings (
    room int4range,
    during tstzrange,
    CONSTRAINT bookings_pkey PRIMARY KEY (room, during WITHOUT OVERLAPS)
);
