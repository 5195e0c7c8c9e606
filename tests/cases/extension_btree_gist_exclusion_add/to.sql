CREATE EXTENSION btree_gist;

CREATE TABLE reservations (
    id bigint PRIMARY KEY,
    room_id integer NOT NULL,
    during tsrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
);
