CREATE TABLE tasks (
    id integer PRIMARY KEY,
    state varchar(20) NOT NULL,
    kind text
);
