CREATE EXTENSION btree_gist;

CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room_id integer NOT NULL,
    guest text NOT NULL,
    during tsrange NOT NULL,
    EXCLUDE USING gist (room_id WITH =, during WITH &&)
);

CREATE INDEX ON bookings (room_id, lower(guest));
CREATE INDEX ON bookings ((lower(guest) || room_id::text));
CREATE INDEX ON bookings (upper(during)) INCLUDE (guest);
CREATE INDEX ON bookings USING gist (during) WHERE room_id > 0;
