CREATE SCHEMA app
    CREATE TABLE other.t (a int);
