CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY);
CREATE SCHEMA scratch; CREATE TABLE scratch.junk (x int);
