-- a one-element IN list: the catalog says (a = 1)
CREATE SCHEMA in_one_value;
CREATE TABLE in_one_value.t (
    a integer CHECK (a IN (1)),
    b text CHECK (b IN ('x'))
);
