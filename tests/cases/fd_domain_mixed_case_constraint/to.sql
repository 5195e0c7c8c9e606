CREATE DOMAIN amount AS numeric CONSTRAINT "Amount_Positive" CHECK (VALUE > 0) CONSTRAINT "Amount_Small" CHECK (VALUE < 1000000);
CREATE DOMAIN "Code" AS text CONSTRAINT "Code_Format" CHECK (VALUE ~ '^[A-Z]+$');
CREATE TABLE t (a amount, c "Code");
