CREATE TABLE messages (
    body text NOT NULL
);
