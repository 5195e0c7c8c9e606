CREATE TABLE room_bookings (
    id integer PRIMARY KEY,
    seats int4range NOT NULL,
    during tsrange NOT NULL,
    CONSTRAINT room_bookings_during_excl EXCLUDE USING gist (during WITH &&)
);

ALTER TABLE room_bookings ADD EXCLUDE USING gist (seats WITH &&) WHERE (id > 0);
