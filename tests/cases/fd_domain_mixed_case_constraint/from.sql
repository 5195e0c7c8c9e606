CREATE DOMAIN amount AS numeric CONSTRAINT "Amount_Positive" CHECK (VALUE > 0);
CREATE TABLE t (a amount);
