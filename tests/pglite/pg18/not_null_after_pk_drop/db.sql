-- from 18, the NOT NULL that a primary key put on its column stays (as tickets_id_not_null)
-- when the primary key is dropped
CREATE TABLE tickets (id integer PRIMARY KEY, title text);
ALTER TABLE tickets DROP CONSTRAINT tickets_pkey;
