CREATE TABLE slots (
    room integer NOT NULL,
    starts timestamp NOT NULL,
    label text,
    CONSTRAINT slots_room_starts UNIQUE NULLS NOT DISTINCT (room, starts, label) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON INDEX slots_room_starts IS 'one booking per room and time';
