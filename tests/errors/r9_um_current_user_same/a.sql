-- FOR CURRENT_USER on both sides (files): kept as CURRENT_USER, so the two
-- files compare as the same mapping and the migration says CURRENT_USER
-- (the role that runs it), as the database case means the role it was
-- read as. CURRENT_ROLE and SESSION_USER name the same mapping.
CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER s FOREIGN DATA WRAPPER w;
CREATE SERVER t FOREIGN DATA WRAPPER w;
CREATE USER MAPPING FOR CURRENT_ROLE SERVER s OPTIONS (user 'a');
ALTER USER MAPPING FOR SESSION_USER SERVER s OPTIONS (ADD port '1');
CREATE USER MAPPING FOR CURRENT_USER SERVER t;
CREATE USER MAPPING FOR PUBLIC SERVER t OPTIONS (user 'guest');
