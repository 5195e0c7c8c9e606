CREATE TABLE room_bookings (
    id integer PRIMARY KEY,
    seats int4range NOT NULL,
    during tsrange NOT NULL
);
