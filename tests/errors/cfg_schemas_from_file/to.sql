CREATE SCHEMA app;
CREATE TABLE app.t (a int);
CREATE SCHEMA scratch;
CREATE TABLE scratch.t (a int);
