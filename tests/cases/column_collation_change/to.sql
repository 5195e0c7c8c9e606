CREATE TABLE tags (
    id integer PRIMARY KEY,
    name text COLLATE "POSIX" NOT NULL,
    code varchar(20)
);

CREATE INDEX tags_name_idx ON tags (name);
