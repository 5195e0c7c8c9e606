CREATE TABLE files (
    id integer PRIMARY KEY,
    path text COLLATE "C" NOT NULL DEFAULT '/'
);
