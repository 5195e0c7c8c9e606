-- relations the plan creates are locked by nobody else (none); what they
-- reference is
CREATE TABLE owner_t (id integer PRIMARY KEY, name text);
INSERT INTO owner_t VALUES (1, 'o');
