CREATE TABLE slots (
    room integer NOT NULL,
    starts timestamp NOT NULL,
    label text,
    CONSTRAINT slots_room_starts UNIQUE (room)
);
INSERT INTO slots SELECT g, TIMESTAMP '2024-01-01' + g * INTERVAL '1 hour', NULL FROM generate_series(1, 50) g;
