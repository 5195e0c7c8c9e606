CREATE SCHEMA schemadiff;
CREATE TABLE schemadiff.t (id int);
