CREATE TABLE member (id integer NOT NULL, email text NOT NULL, handle text);
INSERT INTO member VALUES (1, 'a@example.com', 'a');
-- indexes made by hand, before any constraint
CREATE UNIQUE INDEX member_email_key ON member (email);
CREATE UNIQUE INDEX member_handle_idx ON member (handle);
