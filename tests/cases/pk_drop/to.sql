CREATE TABLE logs (
    id bigint NOT NULL,
    message text
);
