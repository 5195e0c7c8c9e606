CREATE TYPE priority AS ENUM ('low', 'normal', 'high');

CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    priority priority NOT NULL DEFAULT 'normal'
);
