CREATE TYPE post_state AS ENUM ('draft', 'review', 'published');

CREATE TABLE posts (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    state post_state NOT NULL DEFAULT 'draft'
);
