CREATE TABLE positions (
    id integer PRIMARY KEY,
    list_id integer NOT NULL,
    pos integer NOT NULL,
    CONSTRAINT positions_list_pos_key UNIQUE (list_id, pos) DEFERRABLE INITIALLY DEFERRED
);
