CREATE FUNCTION is_e164(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT p ~ '^\+[1-9][0-9]{6,14}$' $$;

CREATE DOMAIN phone_number AS text
    CONSTRAINT phone_number_e164 CHECK (is_e164(VALUE));

-- function, then domain, then the column's new type
CREATE TABLE members (
    id bigint PRIMARY KEY,
    phone phone_number
);
