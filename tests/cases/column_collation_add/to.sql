CREATE TABLE tags (
    id integer PRIMARY KEY,
    name text COLLATE "C" NOT NULL,
    code varchar(20) COLLATE "C"
);

CREATE INDEX tags_name_idx ON tags (name);
