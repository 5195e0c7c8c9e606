CREATE TABLE reservations (
    id bigint PRIMARY KEY,
    room_id integer NOT NULL,
    during tsrange NOT NULL
);
