CREATE TABLE members (
    id bigint PRIMARY KEY,
    phone text
);
