CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

ALTER TABLE users ADD COLUMN locale varchar(10) NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
