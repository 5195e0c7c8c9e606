CREATE TABLE logs (
    id bigint NOT NULL,
    message text
);

ALTER TABLE logs ADD PRIMARY KEY (id);
