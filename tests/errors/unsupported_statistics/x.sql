CREATE TABLE users (
    id integer PRIMARY KEY,
    city text,
    zip text
);

CREATE STATISTICS users_city_zip (dependencies) ON city, zip FROM users;
