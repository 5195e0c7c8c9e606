CREATE EXTENSION btree_gist;

CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room_id integer NOT NULL,
    guest text NOT NULL,
    during tsrange NOT NULL
);
