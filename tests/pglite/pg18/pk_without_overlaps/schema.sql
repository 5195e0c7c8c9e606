CREATE TABLE bookings (
    room int4range NOT NULL,
    during tstzrange NOT NULL
);
