-- zip column and both domains go
CREATE TABLE addresses (
    id bigint PRIMARY KEY,
    street text NOT NULL
);
