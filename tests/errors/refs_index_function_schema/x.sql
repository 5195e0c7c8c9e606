CREATE TABLE people (id bigint PRIMARY KEY, email text);
CREATE UNIQUE INDEX people_email ON people (util.normalize_email(email));
