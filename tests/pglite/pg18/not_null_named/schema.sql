CREATE TABLE tickets (
    id integer NOT NULL,
    title text NOT NULL,
    note text
);
