CREATE TABLE tasks (
    id integer PRIMARY KEY,
    state varchar(20) NOT NULL CHECK (state IN ('todo', 'doing', 'done')),
    kind text CHECK (kind IN ('bug', 'feature'))
);
