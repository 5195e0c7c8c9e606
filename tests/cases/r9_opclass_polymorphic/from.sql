CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id int PRIMARY KEY, m mood, tags int4[], area box);
