CREATE TABLE accounts (id int PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE TABLE audit (account int, note text);
CREATE FUNCTION note_for(a int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'account ' || a $$;
CREATE RULE protect AS ON DELETE TO accounts WHERE old.balance > 0 DO INSTEAD NOTHING;
CREATE RULE audit_upd AS ON UPDATE TO accounts DO ALSO (
    INSERT INTO audit VALUES (NEW.id, note_for(NEW.id));
    DELETE FROM audit WHERE account = OLD.id AND note = 'stale'
);
