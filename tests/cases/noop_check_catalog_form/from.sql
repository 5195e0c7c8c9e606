CREATE TABLE tasks (
    id integer PRIMARY KEY,
    state varchar(20) NOT NULL,
    kind text CHECK (kind IN ('bug', 'feature')),
    rating integer CHECK (rating BETWEEN 1 AND 5),
    title varchar(100) CHECK (title <> '')
);
