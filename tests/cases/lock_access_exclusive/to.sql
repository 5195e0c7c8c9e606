CREATE TABLE a (
    id integer PRIMARY KEY,
    email text NOT NULL,
    d integer DEFAULT 7
);
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
CREATE POLICY a_self ON a USING (email = current_user);
GRANT SELECT ON a TO sd_reader;
CREATE SEQUENCE counter INCREMENT BY 5;
