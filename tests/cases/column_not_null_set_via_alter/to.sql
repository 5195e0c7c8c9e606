CREATE TABLE contacts (
    id integer PRIMARY KEY,
    email text,
    phone text
);

ALTER TABLE contacts ALTER COLUMN phone SET NOT NULL;
ALTER TABLE contacts ALTER COLUMN phone SET DEFAULT '';
