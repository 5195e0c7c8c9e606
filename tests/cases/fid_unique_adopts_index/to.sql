CREATE TABLE member (id integer NOT NULL, email text NOT NULL, handle text);
INSERT INTO member VALUES (1, 'a@example.com', 'a');
CREATE UNIQUE INDEX member_email_key ON member (email);
-- the constraints take the existing indexes over (the second is renamed by it)
ALTER TABLE member ADD CONSTRAINT member_email_key UNIQUE USING INDEX member_email_key;
CREATE UNIQUE INDEX member_handle_idx ON member (handle);
ALTER TABLE member ADD CONSTRAINT member_handle_key UNIQUE USING INDEX member_handle_idx;
