CREATE TABLE messages (
    body text NOT NULL,
    id bigserial PRIMARY KEY
);
